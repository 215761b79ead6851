from dialogtui.cli import main

main()
