"""Reports: the pure computation layer (compute/) and its renderers (render/)."""
