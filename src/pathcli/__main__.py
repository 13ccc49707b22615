from pathcli.cli import main

main()
