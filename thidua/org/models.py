"""Organisation: units in a tree with categories, lineage across mergers, people and memberships."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models

from thidua.core.text import fold, person_sort_key, vn_sort_key


class UnitKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh, thành phố trực thuộc TW"
    DEPARTMENT = "department", "Sở, ban, ngành"
    DISTRICT = "district", "Huyện, thị xã, thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã, phường, thị trấn, đặc khu"
    DIVISION = "division", "Phòng, đơn vị trực thuộc"
    CCHC_BODY = "cchc_body", "Cơ quan chuyên trách CCHC"


class UnitCategory(models.Model):
    """A group of comparable units (khối, nhóm); quotas are set per category (002 §IV.2.1.a)."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    kind = models.CharField("loại đơn vị", max_length=16, choices=UnitKind.choices)

    class Meta:
        verbose_name = "khối, nhóm đơn vị"
        verbose_name_plural = "khối, nhóm đơn vị"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


def unit_label(name: str, parent_name: str = "") -> str:
    """A unit's name with its parent's when given: "Văn phòng — Sở Tư pháp" (Unit.qualified_name)."""
    return f"{name} — {parent_name}" if parent_name else name


class Unit(models.Model):
    """A public body. Its parent never changes: a reorganisation ends units and starts new ones."""

    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=UnitKind.choices)
    category = models.ForeignKey(
        UnitCategory, on_delete=models.PROTECT, related_name="units", verbose_name="khối, nhóm"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name="đơn vị cấp trên",
    )
    # Materialised path of codes ("/KG/KG-H01/KG-X001/") so a subtree is one indexed prefix query.
    path = models.CharField(max_length=400, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    active_from = models.DateField("hoạt động từ", null=True, blank=True)
    active_to = models.DateField("hoạt động đến", null=True, blank=True)
    search_name = models.CharField(max_length=255, db_index=True, editable=False)
    sort_key = models.CharField(max_length=600, editable=False)

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="unit_active_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.refresh_derived()
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        """Recompute path, depth and search keys from the parent and the name."""
        prefix = self.parent.path if self.parent_id and self.parent else "/"
        self.path = f"{prefix}{self.code}/"
        self.depth = self.path.count("/") - 2
        self.search_name = fold(f"{self.name} {self.code}")
        self.sort_key = vn_sort_key(self.name)[:600]

    @property
    def qualified_name(self) -> str:
        """The name a person can tell apart: under a department or a commune, names repeat
        ("Văn phòng"), so they carry the parent's: "Văn phòng — Sở Tư pháp". Pages, pickers and
        exports use this; load the parent with the unit (select_related("parent"))."""
        return unit_label(self.name, self.parent.name if self.depth >= 2 and self.parent_id
                          and self.parent else "")

    def is_active_on(self, day: date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )

    def is_active_in_year(self, year: int) -> bool:
        return (self.active_from is None or self.active_from.year <= year) and (
            self.active_to is None or self.active_to.year >= year
        )


class LineageKind(models.TextChoices):
    MERGE = "merge", "Hợp nhất, sáp nhập"
    SPLIT = "split", "Chia tách"
    RENAME = "rename", "Đổi tên"
    DISSOLVE = "dissolve", "Giải thể, kết thúc hoạt động"


class LineageEvent(models.Model):
    """A reorganisation on a date: predecessors end, successors carry their history on."""

    kind = models.CharField("loại sự kiện", max_length=16, choices=LineageKind.choices)
    effective_date = models.DateField("ngày hiệu lực")
    legal_basis = models.CharField("căn cứ", max_length=255, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "sự kiện sắp xếp đơn vị"
        verbose_name_plural = "sự kiện sắp xếp đơn vị"
        ordering = ["-effective_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.effective_date:%d/%m/%Y})"


class LineageLink(models.Model):
    """predecessor -> successor within one event. A dissolved unit has links with no successor."""

    event = models.ForeignKey(LineageEvent, on_delete=models.CASCADE, related_name="links")
    predecessor = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="successor_links", verbose_name="đơn vị cũ"
    )
    successor = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="predecessor_links",
        verbose_name="đơn vị mới",
    )

    class Meta:
        verbose_name = "liên kết kế thừa"
        verbose_name_plural = "liên kết kế thừa"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "predecessor", "successor"], name="uniq_lineage_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor or 'kết thúc'}"


class Gender(models.TextChoices):
    FEMALE = "F", "Nữ"
    MALE = "M", "Nam"


class Person(models.Model):
    """A cán bộ, công chức, viên chức. `unit` is the current membership, kept by services."""

    code = models.CharField("mã cán bộ", max_length=40, unique=True)
    full_name = models.CharField("họ và tên", max_length=120)
    gender = models.CharField("giới tính", max_length=1, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    position = models.CharField("chức vụ", max_length=120, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="people",
        verbose_name="đơn vị hiện tại",
    )
    search_name = models.CharField(max_length=160, db_index=True, editable=False)
    sort_key = models.CharField(max_length=400, db_index=True, editable=False)

    class Meta:
        verbose_name = "cán bộ, công chức, viên chức"
        verbose_name_plural = "cán bộ, công chức, viên chức"
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.refresh_derived()
        super().save(*args, **kwargs)

    def refresh_derived(self) -> None:
        self.search_name = fold(f"{self.full_name} {self.code}")
        self.sort_key = person_sort_key(self.full_name)[:400]


class Membership(models.Model):
    """A period a person worked at a unit (transfers close one and open another)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    position = models.CharField("chức vụ", max_length=120, blank=True)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        ordering = ["person", "start"]
        indexes = [models.Index(fields=["unit", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="membership_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.unit} ({self.start:%d/%m/%Y})"

    def clean(self) -> None:
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": "Ngày kết thúc trước ngày bắt đầu công tác."})
        problem = self.unit_id and self.start and unit_period_problem(self.unit, self.start)
        if problem:
            raise ValidationError({"start": problem})


def unit_period_problem(unit: Unit, start: date) -> str | None:
    """Why nobody can start working at `unit` on `start` (None: they can): a membership cannot
    start before its unit exists nor after it ended (a merger ends units, see LineageEvent)."""
    if unit.active_from and start < unit.active_from:
        return (f"{unit.name} ({unit.code}) hoạt động từ ngày {unit.active_from:%d/%m/%Y}; "
                f"không thể bắt đầu công tác ở đó ngày {start:%d/%m/%Y}")
    if unit.active_to and start > unit.active_to:
        return (f"{unit.name} ({unit.code}) đã ngừng hoạt động từ sau ngày "
                f"{unit.active_to:%d/%m/%Y}; không thể bắt đầu công tác ở đó ngày "
                f"{start:%d/%m/%Y}")
    return None
