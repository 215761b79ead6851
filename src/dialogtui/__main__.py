from dialogtui.entry import main

main()
