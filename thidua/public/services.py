"""Writes of the honour board: stories (save, publish, withdraw) and their photos."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import ImageOps

from thidua.accounts.access import Actor, access_unit, account_of
from thidua.core.text import fold
from thidua.core.uploads import open_image
from thidua.public.access import access_story
from thidua.public.models import Story, StoryStatus

STORY_FIELDS = ("title", "kind", "unit", "person", "campaign", "year", "summary", "body",
                "photo_alt")
PHOTO_MAX_PX = 1600  # long side of the web copy
PHOTO_MAX_BYTES = 15 * 1024 * 1024


def _unique_slug(title: str, story: Story) -> str:
    base = slugify(fold(title))[:100].strip("-") or "guong-dien-hinh"
    slug, n = base, 1
    while Story.objects.filter(slug=slug).exclude(pk=story.pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def web_photo(upload: UploadedFile) -> ContentFile:
    """The photo as a JPEG no larger than PHOTO_MAX_PX, turned upright, without its metadata."""
    if upload.size and upload.size > PHOTO_MAX_BYTES:
        raise ValidationError({"photo": "Ảnh quá lớn (tối đa 15 MB)."})
    try:
        with open_image(upload) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
            image.thumbnail((PHOTO_MAX_PX, PHOTO_MAX_PX))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85, optimize=True)
    except ValidationError as refused:
        raise ValidationError({"photo": refused.messages}) from refused
    except OSError as error:  # a truncated or corrupt image fails while decoding
        raise ValidationError({"photo": "Tệp ảnh bị hỏng, không đọc được."}) from error
    return ContentFile(out.getvalue())


@transaction.atomic
def story_save(*, actor: Actor, values: dict[str, Any], story: Story | None = None,
               photo: UploadedFile | None = None, check_access: bool = True) -> Story:
    """Create or change a story (it stays as it is published or draft)."""
    story = story or Story(created_by=account_of(actor))
    if check_access and story.pk:
        access_story(actor, story, write=True)
    for name in STORY_FIELDS:
        if name in values:
            setattr(story, name, values[name])
    if story.kind == "collective":
        story.person = None
    elif story.person is not None and story.person.unit is not None and not story.unit_id:
        story.unit = story.person.unit
    if check_access:
        access_unit(actor, story.unit, write=True)
    if not story.slug:
        story.slug = _unique_slug(story.title, story)
    if photo is not None:
        story.photo.save(f"{story.slug}.jpg", web_photo(photo), save=False)
    story.full_clean()
    story.save()
    return story


@transaction.atomic
def story_publish(*, actor: Actor, story: Story, published: bool, check_access: bool = True) -> Story:
    if check_access:
        access_story(actor, story, write=True)
    story.status = StoryStatus.PUBLISHED if published else StoryStatus.DRAFT
    story.published_at = (story.published_at or timezone.now()) if published else None
    story.full_clean()
    story.save(update_fields=["status", "published_at", "updated_at", "search_text"])
    return story
