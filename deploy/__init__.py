"""Scale-out deployment: the nginx template and a one-machine stack (see deploy/README.md)."""
