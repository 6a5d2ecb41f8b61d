"""Settings for the contest load benchmark: the product's settings plus one bare floor URL."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
