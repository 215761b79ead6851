# Windows twin of scripts/build-wheel: the release wheel into dist\ (or the folder given).
. (Join-Path $PSScriptRoot "_venv.ps1")
Set-Location $Root
$Out = if ($args.Count -gt 0) { $args[0] } else { "dist" }
New-Item -ItemType Directory -Force -Path $Out | Out-Null
python -m pip wheel --no-deps --quiet --wheel-dir $Out .
if ($LASTEXITCODE) { exit $LASTEXITCODE }
Get-ChildItem (Join-Path $Out "dialogtui-*.whl") | ForEach-Object { $_.FullName }
