from ecotarget.cli import main

main()
