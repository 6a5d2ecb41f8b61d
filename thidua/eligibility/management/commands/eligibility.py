"""thidua eligibility --campaign CODE [--year YYYY | --phase] [--format table|json|xlsx]."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.campaigns.models import Campaign
from thidua.core.text import vn_duration
from thidua.eligibility.management.commands._progress import ProgressBar


def _pairs(raw: str, what: str) -> tuple[str, dict[str, str]]:
    """'KG-P-FLAG:3=2 năm' -> ('KG-P-FLAG', {'3': '2 năm'})."""
    standard, sep, rest = raw.partition(":")
    if not sep or not standard or not rest:
        raise CommandError(f'{what} phải có dạng TIÊU_CHUẨN:khóa=giá_trị, nhận được "{raw}"')
    out = {}
    for part in rest.split(","):
        key, eq, value = part.partition("=")
        if not eq:
            raise CommandError(f'"{part}" phải có dạng khóa=giá_trị')
        out[key.strip()] = value.strip()
    return standard.strip(), out


# «Xã, phường, thị trấn=4; tổng=8» or «xa=4,so-nganh=3»: a group's name may hold commas, so a
# pair ends at its number; "20%" or "20,5%" is a share.
_QUOTA_PAIR = re.compile(r"\s*([^=]+?)\s*=\s*(\d+(?:[.,]\d+)?\s*%|\d+)\s*(?:[,;]|$)")


def _quota_pairs(raw: str) -> tuple[str, list[tuple[str, str]]]:
    """'KG-P-FLAG:Xã, phường=4; tổng=8' -> ('KG-P-FLAG', [('Xã, phường', '4'), ('tổng', '8')])."""
    standard, sep, rest = raw.partition(":")
    if not sep or not standard.strip() or not rest.strip():
        raise CommandError(f'--what-if-quota phải có dạng TIÊU_CHUẨN:khối=số, vd. '
                           f'"Cờ thi đua của UBND tỉnh:Xã, phường=4; Tổng=8", nhận được "{raw}"')
    pairs, at = [], 0
    while at < len(rest):
        match = _QUOTA_PAIR.match(rest, at)
        if match is None:
            bad = rest[at:].strip(" ,;")
            raise CommandError(f'Không đọc được "{bad}" trong --what-if-quota: mỗi khối viết '
                               f'tên=số (vd. "Xã, phường=4" hoặc "Tổng=20%")')
        pairs.append((match.group(1).strip(" ,;"), match.group(2)))
        at = match.end()
    return standard.strip(), pairs


class Command(BaseCommand):
    help = ("Xét tiêu chuẩn khen thưởng của một phong trào (giai đoạn hoặc một năm): danh sách "
            "đủ tiêu chuẩn, trong chỉ tiêu, giải thích từng điều kiện; bảng, JSON hoặc Excel.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", required=True, help="mã phong trào, vd. KG-CCHC-2021-2025")
        when = parser.add_mutually_exclusive_group()
        when.add_argument("--year", type=int, help="xét các tiêu chuẩn hằng năm của năm này")
        when.add_argument("--phase", action="store_true",
                          help="xét các tiêu chuẩn giai đoạn (mặc định khi phong trào có tiêu "
                               "chuẩn giai đoạn; nếu không, năm cuối của phong trào)")
        parser.add_argument("--format", choices=["table", "json", "xlsx"], default="table")
        parser.add_argument("--output", "-o", help="ghi ra tệp (bắt buộc với xlsx)")
        parser.add_argument("--standard", action="append", default=[],
                            help="chỉ xét tiêu chuẩn này (lặp lại được)")
        parser.add_argument("--only", choices=["eligible", "selected"],
                            help="chỉ ứng viên đủ tiêu chuẩn / trong chỉ tiêu (mặc định: bảng "
                                 "chỉ in người đủ tiêu chuẩn, JSON ghi mọi ứng viên)")
        parser.add_argument("--all-registered", action="store_true",
                            help="giả định mọi đơn vị, cá nhân đã đăng ký thi đua")
        parser.add_argument("--what-if-quota", action="append", default=[],
                            metavar="TIÊU_CHUẨN:khối=số;...",
                            help='giả định chỉ tiêu: tiêu chuẩn (mã tiêu chuẩn hoặc tên), rồi mỗi '
                                 'khối bằng tên của khối, không cần dấu, hoặc mã khối, và số mới; '
                                 '«Tổng», «Mỗi đơn vị»; tỷ lệ viết 20%%. Vd. "KG-P-FLAG:Xã, '
                                 'phường=4; Sở, ban, ngành=3; Tổng=8" hoặc "KG-P-FLAG:xa=4,tong=8"')
        parser.add_argument("--what-if-threshold", action="append", default=[],
                            metavar="TIÊU_CHUẨN:điều_kiện=giá_trị",
                            help='giả định ngưỡng, vd. "KG-P-FLAG:3=2 năm" (điều kiện 3 chỉ cần '
                                 'ít nhất 2 năm), "KG-P-FLAG:2=khá" (mức so sánh mới)')
        parser.add_argument("--quiet", action="store_true", help="không in tiến độ")

    def handle(self, *args: Any, **options: Any) -> None:
        from thidua.eligibility.services import EligibilityError, eligibility_run, step_label

        campaign = (Campaign.objects.select_related("issuer")
                    .filter(code=options["campaign"]).first())
        if campaign is None:
            raise CommandError(f'Không có phong trào mã "{options["campaign"]}".')
        quotas: dict[str, dict[str, int | float]] = {}
        thresholds: list[tuple[str, str, str]] = []
        if options["what_if_quota"] or options["what_if_threshold"]:
            quotas, thresholds = self._what_if(campaign, options)
        phase, year = options["phase"], options["year"]
        if not phase and year is None:
            phase, year = self._default_mode(campaign)
        bar = ProgressBar(cast(TextIO, getattr(self.stderr, "_out", sys.stderr)))
        try:
            run = eligibility_run(
                campaign=campaign, year=year, phase=phase,
                standards=options["standard"] or None,
                registered="all" if options["all_registered"] else "campaign",
                quotas=quotas or None, thresholds=thresholds or None,
                progress=(lambda *a: None) if options["quiet"] else
                (lambda step, done, total: bar(step_label(step), done, total)))
        except EligibilityError as exc:
            raise CommandError(exc.message) from None
        if not options["quiet"]:
            bar.finish(f"Đọc dữ liệu {vn_duration(run.seconds.get('fetch', 0))}, chuẩn bị "
                       f"{vn_duration(run.seconds.get('prepare', 0))}, đánh giá "
                       f"{vn_duration(run.seconds.get('evaluate', 0))}.")
        fmt = options["format"]
        if fmt == "xlsx":
            self._xlsx(run, options["output"])
        elif fmt == "json":
            self._json(run, options["output"], options["only"])
        else:
            self._table(run, options["only"] or "eligible")

    def _what_if(self, campaign: Any, options: dict[str, Any]
                 ) -> tuple[dict[str, dict[str, int | float]], list[tuple[str, str, str]]]:
        """The what-if options read against the campaign's standards: a standard by its code or
        its title, a quota group by its name (accents optional) or its code."""
        from thidua.eligibility.services import (
            EligibilityError,
            campaign_rules,
            category_names,
            quota_group,
            quota_groups,
            standard_by_name,
        )

        try:
            rules, _ = campaign_rules(campaign)
            names = category_names()
            quotas: dict[str, dict[str, int | float]] = {}
            for raw in options["what_if_quota"]:
                standard, pairs = _quota_pairs(raw)
                code = standard_by_name(rules, standard)
                groups = quota_groups(rules, code, names)
                for key, value in pairs:
                    group = quota_group(groups, key, standard=rules[code].title or code)
                    quotas.setdefault(code, {})[group.key] = _amount(value)
            thresholds: list[tuple[str, str, str]] = []
            for raw in options["what_if_threshold"]:
                standard, conditions = _pairs(raw, "--what-if-threshold")
                code = standard_by_name(rules, standard)
                thresholds += [(code, cid, value) for cid, value in conditions.items()]
        except EligibilityError as exc:
            raise CommandError(exc.message) from None
        return quotas, thresholds

    def _default_mode(self, campaign: Any) -> tuple[bool, int | None]:
        from thidua.eligibility.services import EligibilityError, campaign_rules, standards_of

        try:
            rules, scopes = campaign_rules(campaign)
        except EligibilityError as exc:
            raise CommandError(exc.message) from None
        if standards_of(rules, scopes, phase=True):
            return True, None
        return False, rules.period.end

    def _xlsx(self, run: Any, output: str | None) -> None:
        from thidua.eligibility.services import summary, summary_xlsx

        if not output:
            raise CommandError("Định dạng xlsx cần --output TỆP.xlsx")
        data = summary_xlsx(summary(run), title=f"Xét tiêu chuẩn khen thưởng – {run.campaign.title}")
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {output}."))

    def _json(self, run: Any, output: str | None, only: str | None) -> None:
        from thidua.eligibility.services import write_json

        if output:
            with open(output, "w", encoding="utf-8") as stream:
                count = write_json(run, stream, only=only)
            self.stdout.write(self.style.SUCCESS(f"Đã ghi {count} bản ghi vào {output}."))
        else:
            write_json(run, cast(TextIO, getattr(self.stdout, "_out", sys.stdout)), only=only)

    def _table(self, run: Any, only: str) -> None:
        from thidua.eligibility.services import (
            category_names,
            code_names,
            named_candidates,
            plain,
            run_records,
        )

        names, codes = category_names(), code_names(run.rules)
        for words in run.what_if:
            self.stdout.write(self.style.WARNING(plain(words, names, codes)))
        for warning in run.warnings:
            self.stdout.write(self.style.WARNING(f"Lưu ý: {plain(warning, names, codes)}"))
        for info in run.standards():
            frame = run.result[info.code].frame
            self.stdout.write("")
            self.stdout.write(self.style.MIGRATE_HEADING(
                f"{info.title or info.code} (mã tiêu chuẩn {info.code}; theo {info.clause}); "
                f"chỉ tiêu: {plain(info.quota, names, codes)}"))
            self.stdout.write(f"{frame.height} ứng viên, {int(frame['eligible'].sum())} đủ tiêu "
                              f"chuẩn, {int(frame['selected'].sum())} trong chỉ tiêu.")
            self.stdout.write(f"Xếp hạng theo: {plain(info.ranking, names, codes)}.")
            if info.code in run.diffs and not run.diffs[info.code].is_empty():
                d = run.diffs[info.code]

                def who(codes: list[str], standard: str = info.code) -> str:
                    return ", ".join(named_candidates(run, standard, codes)) or "—"

                self.stdout.write(self.style.WARNING(
                    f"So với khi chưa giả định: vào chỉ tiêu {who(d.entered_selected)}; ra khỏi "
                    f"chỉ tiêu {who(d.left_selected)}; thêm đủ tiêu chuẩn "
                    f"{who(d.entered_eligible)}; không còn đủ {who(d.left_eligible)}."))
            rows = list(run_records(run, standards=[info.code], only=only))
            if not rows:
                self.stdout.write("  (không có)")
                continue
            self.stdout.write(f"  {'Hạng':>4}  {'Mã':<16} {'Tên':<40} {'Khối':<24} Kết quả")
            for r in rows:
                group = (r.get("quota") or {}).get("group") or ""
                group = names.get(group, group)[:24]
                verdict = "trong chỉ tiêu" if r["selected"] else (
                    "đủ, ngoài chỉ tiêu" if r["eligible"] else "không đủ")
                name = (r.get("name") or "")[:40]
                self.stdout.write(f"  {r['rank'] if r['rank'] is not None else '':>4}  "
                                  f"{r['candidate']:<16} {name:<40} {group:<24} {verdict}")


def _amount(value: str) -> int | float:
    """A quota amount: a count ("4") or a share ("20%", "20,5%")."""
    value = value.replace(" ", "")
    try:
        return float(value.rstrip("%").replace(",", ".")) if value.endswith("%") else int(value)
    except ValueError:
        raise CommandError(f'"{value}" không phải là số (vd. 4 hoặc 20%)') from None
