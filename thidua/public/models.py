"""The public honour board's own content: stories of exemplary people and collectives
("gương điển hình tiên tiến", 000 §VI.1.b, §VI.4.d), with a photo.

Awardees, recognised initiatives and results shown on the board are not copied here: they are
read from their apps, and only what is published (issued decisions, recognised initiatives,
published result rounds) is ever shown (thidua/public/selectors.py).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from thidua.campaigns.models import Campaign
from thidua.core.text import fold
from thidua.org.models import Person, Unit


class StoryKind(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    INDIVIDUAL = "individual", "Cá nhân"


class StoryStatus(models.TextChoices):
    DRAFT = "draft", "Bản nháp"
    PUBLISHED = "published", "Đã công bố"


def story_photo_path(instance: Story, filename: str) -> str:
    return f"vinh-danh/anh/{instance.slug or 'moi'}-{filename}"


class Story(models.Model):
    """An exemplary person or collective, told for the public; visible once published."""

    slug = models.SlugField("đường dẫn", max_length=120, unique=True)
    title = models.CharField("tiêu đề", max_length=200)
    kind = models.CharField("đối tượng", max_length=12, choices=StoryKind.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="stories",
                             verbose_name="tập thể / đơn vị của cá nhân")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="stories", verbose_name="cá nhân")
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="stories", verbose_name="phong trào")
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    summary = models.CharField("tóm tắt", max_length=300)
    body = models.TextField("nội dung")
    photo = models.ImageField("ảnh", upload_to=story_photo_path, blank=True, max_length=255)
    photo_alt = models.CharField("mô tả ảnh (cho người khiếm thị)", max_length=200, blank=True)
    status = models.CharField("trạng thái", max_length=12, choices=StoryStatus.choices,
                              default=StoryStatus.DRAFT, db_index=True)
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "gương điển hình"
        verbose_name_plural = "gương điển hình"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="collective", person__isnull=True)
                | models.Q(kind="individual", person__isnull=False),
                name="story_subject_matches_kind"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="story_published_has_date"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        names = " ".join(filter(None, [self.title, self.summary,
                                       self.person.full_name if self.person_id and self.person else "",
                                       self.unit.name if self.unit_id else ""]))
        self.search_text = fold(names)[:600]
        super().save(*args, **kwargs)

    @property
    def published(self) -> bool:
        return self.status == StoryStatus.PUBLISHED
