"""Kept for existing deployments: config.wsgi now puts the contest fast path in front itself."""

from config.wsgi import application

__all__ = ["application"]
