from insidetrack.cli.main import main

main()
