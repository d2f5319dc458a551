"""The pure core: the playbook's rules as data and functions, no I/O."""
