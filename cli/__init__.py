"""The ``snw`` command line."""
