from insidetrack.cli.entry import main

main()
