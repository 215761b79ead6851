# Dot-sourced by scripts/run.ps1 and scripts/test.ps1 (the Windows twins of _venv): create or
# refresh .venv so that a fresh machine with only Python gets every dependency, and a warm
# one pays nothing when pyproject.toml has not changed.
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
$Venv = Join-Path $Root ".venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $VenvPython)) {
    if ($env:PYTHON) { & $env:PYTHON -m venv $Venv }
    elseif (Get-Command py -ErrorAction SilentlyContinue) { & py -3 -m venv $Venv }
    else { & python -m venv $Venv }
    if ($LASTEXITCODE) { exit $LASTEXITCODE }
}
$Stamp = Join-Path $Venv ".dialogtui-installed"
$Want = (Get-FileHash (Join-Path $Root "pyproject.toml") -Algorithm SHA256).Hash.ToLower()
$Have = if (Test-Path $Stamp) { (Get-Content $Stamp -Raw).Trim() } else { "" }
if ($Have -ne $Want) {
    & $VenvPython -m pip install --quiet --upgrade pip | Out-Null
    & $VenvPython -m pip install --quiet -e "$Root[dev]"
    if ($LASTEXITCODE) { exit $LASTEXITCODE }
    Set-Content -Path $Stamp -Value $Want -Encoding ascii
}
$env:PATH = (Join-Path $Venv "Scripts") + [IO.Path]::PathSeparator + $env:PATH
