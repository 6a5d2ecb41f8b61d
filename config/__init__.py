"""Project configuration: settings, URLs and server entry points."""
