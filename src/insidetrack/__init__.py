"""insidetrack: follow up after every job interview until the employer decides."""

__version__ = "0.1.0"
