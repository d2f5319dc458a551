"""The command line: click commands over the services, human or --json output."""
