# Run dialogtui (any arguments are passed on), installing it first if needed. Windows twin
# of scripts/run: powershell -ExecutionPolicy Bypass -File scripts\run.ps1 [ARGS]
. (Join-Path $PSScriptRoot "_venv.ps1")
& dialogtui @args
exit $LASTEXITCODE
