# The full test suite: ruff, the type checker, then pytest. Windows twin of scripts/test:
# powershell -ExecutionPolicy Bypass -File scripts\test.ps1 [PYTEST ARGS]
. (Join-Path $PSScriptRoot "_venv.ps1")
Set-Location $Root
ruff check .
if ($LASTEXITCODE) { exit $LASTEXITCODE }
mypy
if ($LASTEXITCODE) { exit $LASTEXITCODE }
python -m pytest -n auto @args
exit $LASTEXITCODE
