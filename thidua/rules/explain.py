"""Explanations on demand: one candidate's outcome, condition by condition, in Vietnamese.

Nothing here runs during evaluation. The engine keeps, per candidate, the values each
condition read (per-year columns) and each condition's pass column; these functions turn one
row into text or a JSON-ready record when somebody asks (or for everyone, on export).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import polars as pl

from thidua.rules.ast import (
    AllOf,
    AnyOf,
    Atom,
    Compare,
    Condition,
    Counted,
    CountOver,
    Disciplined,
    Flag,
    IfThen,
    InCategory,
    Known,
    MemberShare,
    Not,
    PerYear,
    Quantifier,
    RankImproved,
    Registered,
    Scoped,
    StandardRef,
    children,
)
from thidua.rules.engine import CENTI, atom_key, cmp_values, scaled
from thidua.rules.parser import MEASURE_LABELS, SCALE_OF
from thidua.rules.vocab import DISCIPLINE, INITIATIVE_LEVEL

if TYPE_CHECKING:
    from thidua.rules.engine import StandardResult

OP_SHOW = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "!=": "≠"}
OP_NEG = {">=": "<", "<=": ">", ">": "≤", "<": "≥", "=": "≠", "!=": "="}
MISSING = "không có kết quả"


def number(value: float) -> str:
    """Vietnamese decimal comma, no useless zeros: 91.5 -> '91,5'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def show(measure: str, raw: Any) -> str:
    if raw is None:
        return MISSING
    if measure in SCALE_OF:
        return SCALE_OF[measure].label_of(int(raw))
    if measure in CENTI:
        return number(raw / 100)
    return str(raw)


def json_value(measure: str, raw: Any) -> Any:
    """A value for JSON: level names for ordinal scales, numbers otherwise."""
    if raw is None or measure in SCALE_OF:
        return show(measure, raw) if raw is not None else None
    if measure in CENTI:
        return raw / 100
    return raw


def target_text(atom: Compare) -> str:
    if atom.measure in SCALE_OF:
        return SCALE_OF[atom.measure].label_of(int(atom.value))
    return number(atom.value)


def atom_label(atom: Atom) -> str:
    if isinstance(atom, Compare):
        name = MEASURE_LABELS[atom.measure]
        if atom.op == "=" and atom.measure in SCALE_OF:
            return target_text(atom)
        return f"{name} {OP_SHOW[atom.op]} {target_text(atom)}"
    if isinstance(atom, Known):
        return f"có {MEASURE_LABELS[atom.measure]}"
    if isinstance(atom, RankImproved):
        return "hạng cải thiện"
    if isinstance(atom, Disciplined):
        if atom.min_level > 1:
            return f"bị kỷ luật từ mức {DISCIPLINE.label_of(atom.min_level)}"
        return "bị kỷ luật"
    if isinstance(atom, Flag):
        return f"có {atom.label}"
    return counted_label(atom)


def counted_label(atom: Counted) -> str:
    if atom.kind == "initiative":
        parts = ["sáng kiến"]
        if atom.recognised:
            parts.append("được công nhận")
        if atom.applied:
            parts.append("được áp dụng")
        if atom.level_op:
            prefix = "từ cấp" if atom.level_op == ">=" else "cấp"
            parts.append(f"{prefix} {INITIATIVE_LEVEL.label_of(atom.level)}")
        return " ".join(parts)
    if atom.kind == "prize":
        return "giải " + ", ".join(atom.names) if atom.names else "giải"
    return "khen thưởng " + ", ".join(atom.names)


class Renderer:
    def __init__(self, result: StandardResult, row: dict[str, Any]) -> None:
        self.result = result
        self.row = row
        self.ctx = result.run.context
        self.prep = result.run.prepared

    def years(self, quant: Quantifier) -> list[int]:
        return quant.years.resolve(self.ctx.period, self.ctx.evaluation_year)

    # -- one year of an atom: (passed, text, value) --------------------------------------
    def atom_year(self, atom: Atom, prefix: str, y: int) -> tuple[bool, str, Any]:
        r = self.row
        if isinstance(atom, Compare):
            raw = r.get(f"{prefix}{atom.measure}@{y}")
            if raw is None:
                return False, f"{y}: {MISSING}", None
            ok = cmp_values(raw, atom.op, scaled(atom.measure, atom.value))
            op = OP_SHOW[atom.op] if ok else OP_SHOW.get(OP_NEG[atom.op], OP_NEG[atom.op])
            value = show(atom.measure, raw)
            return ok, f"{y}: {value} {op} {target_text(atom)}", json_value(atom.measure, raw)
        if isinstance(atom, Known):
            raw = r.get(f"{prefix}{atom.measure}@{y}")
            ok = raw is not None
            text = f"{y}: {MEASURE_LABELS[atom.measure]} {show(atom.measure, raw)}" if ok else \
                f"{y}: không có {MEASURE_LABELS[atom.measure]}"
            return ok, text, json_value(atom.measure, raw)
        if isinstance(atom, RankImproved):
            now, before = r.get(f"{prefix}rank@{y}"), r.get(f"{prefix}rank@{y - 1}")
            if now is None or before is None:
                missing = y - 1 if before is None else y
                return False, f"{y}: thiếu hạng năm {missing}", None
            ok = now < before
            sign = "cải thiện" if ok else "không cải thiện"
            return ok, f"{y}: hạng {before} → {now} ({sign})", f"{before} → {now}"
        if isinstance(atom, Disciplined):
            level = r.get(f"{prefix}disc@{y}") or 0
            ok = level >= atom.min_level
            text = f"{y}: bị kỷ luật {DISCIPLINE.label_of(level)}" if level else \
                f"{y}: không bị kỷ luật"
            return ok, text, DISCIPLINE.label_of(level) if level else None
        if isinstance(atom, Flag):
            ok = bool(r.get(f"{prefix}flag[{atom.column}]@{y}"))
            return ok, f"{y}: {'có' if ok else 'không có'} {atom.label}", ok
        n = r.get(f"{prefix}n[{atom_key(atom)}]@{y}") or 0
        return n >= 1, f"{y}: {n} {counted_label(atom)}", n

    def quantified(self, quant: Quantifier, items: list[tuple[int, bool, str, Any]],
                   label: str) -> tuple[bool, str]:
        hits = [y for y, ok, _, _ in items if ok]
        if quant.kind == "every":
            ok = len(hits) == len(items)
            if ok:
                return True, "mọi năm đạt (" + "; ".join(t for _, _, t, _ in items) + ")"
            return False, "; ".join(t for _, good, t, _ in items if not good)
        if quant.kind == "at_least":
            ok = len(hits) >= quant.n
            years = ", ".join(map(str, hits))
            shown = f" ({years})" if hits else ""
            detail = "; ".join(t for _, _, t, _ in items)
            return ok, f"{label} {len(hits)} năm{shown} {'≥' if ok else '<'} {quant.n} ({detail})"
        if quant.kind == "in_a_row":
            best, start, run, run_start = 0, None, 0, None
            for y, good, _, _ in items:
                if good:
                    run_start = y if run == 0 else run_start
                    run += 1
                    if run > best:
                        best, start = run, run_start
                else:
                    run = 0
            ok = best >= quant.n
            span = f" ({start}–{start + best - 1})" if best and start is not None else ""
            detail = "; ".join(t for _, _, t, _ in items)
            return ok, (f"{label} dài nhất {best} năm liên tiếp{span} "
                        f"{'≥' if ok else '<'} {quant.n} ({detail})")
        _, ok, text, _ = items[0]
        return ok, text

    # -- nodes -----------------------------------------------------------------------------
    def node(self, node: Condition, prefix: str) -> tuple[bool, str, dict[str, Any]]:
        passed = bool(self.row.get(f"c:{node.cid}")) if node.cid else False
        if isinstance(node, AllOf | AnyOf):
            kids = [bool(self.row.get(f"c:{c.cid}")) for c in node.children]
            need = "cần tất cả" if isinstance(node, AllOf) else "cần ít nhất một"
            return passed, f"đạt {sum(kids)}/{len(kids)} điều kiện ({need})", {}
        if isinstance(node, Not):
            assert node.child is not None
            _, text, values = self.node(node.child, prefix)
            return passed, text, values
        if isinstance(node, IfThen):
            assert node.when is not None and node.then is not None
            w_ok, w_text, _ = self.node(node.when, prefix)
            if not w_ok:
                return passed, f"không áp dụng ({w_text})", {}
            _, t_text, values = self.node(node.then, prefix)
            return passed, t_text, values
        if isinstance(node, Scoped):
            assert node.child is not None
            step = "p." if node.scope == "parent" else "w."
            uidx = self.row.get(f"{prefix}{step}__idx")
            label = "đơn vị cấp trên" if node.scope == "parent" else "đơn vị công tác"
            if uidx is None:
                return passed, f"không có {label}", {"unit": None}
            _, text, values = self.node(node.child, prefix + step)
            code = self.prep.unit_code(uidx)
            name = self.prep.unit_name(uidx)
            who = f"{code} ({name})" if name != code else code
            former = [(k, self.row.get(f"{prefix}p{k}.__idx"))
                      for k in range(2, self.prep.max_parents + 1)] if step == "p." else []
            former = [(k, u) for k, u in former if u is not None]
            if not former and step == "p." and \
                    self.row.get(f"{prefix}__idx") in self.prep.merged_unit_set:
                return passed, f"{label} trước sáp nhập {who}: {text}", {"unit": code, **values}
            if not former:
                return passed, f"{label} {who}: {text}", {"unit": code, **values}
            # Reading 6: a unit formed after its parents' level was abolished.
            parts = [f"{who}: {text}"]
            units = [code]
            for k, u in former:
                _, t, _ = self.node(node.child, f"{prefix}p{k}.")
                c, n = self.prep.unit_code(u), self.prep.unit_name(u)
                parts.append(f"{c} ({n}): {t}" if n != c else f"{c}: {t}")
                units.append(c)
            rule = "cần một trong" if self.result.standard.merged_parents == "any" else "cần tất cả"
            return passed, (f"{label} trước sáp nhập ({rule}) — " + "; ".join(parts)), {
                "unit": code, "units": units, **values}
        if isinstance(node, Registered):
            ok = bool(self.row.get(f"{prefix}registered@{self.ctx.evaluation_year}"))
            return passed, "đã đăng ký thi đua" if ok else "chưa đăng ký thi đua", {
                "registered": ok}
        if isinstance(node, InCategory):
            cat = self.row.get(f"{prefix}category")
            if passed:
                return passed, f"thuộc khối {cat}", {"category": cat}
            return passed, f"thuộc khối {cat}, không thuộc khối {', '.join(node.categories)}", {
                "category": cat}
        if isinstance(node, StandardRef):
            found: dict[str, Any] = {}
            parts = []
            for code in node.codes:
                key = f"{prefix}std[{code}].{node.mode}"
                ok = bool(self.row.get(f"{prefix}up:std[{code}].{node.mode}", self.row.get(key)))
                found[code] = ok
                if node.mode == "eligible":
                    parts.append(f"{code}: {'được xét (đủ tiêu chuẩn)' if ok else 'không được xét'}")
                else:
                    parts.append(f"{code}: {'được chọn' if ok else 'không được chọn'}")
            return passed, "; ".join(parts), found
        if isinstance(node, PerYear):
            assert node.quant is not None
            items = []
            years = self.years(node.quant)
            for y in years:
                ok, text, value = self.atom_year(node.atom, prefix, y)
                items.append((y, ok, text, value))
            ended = [y for y in years if self.row.get(f"{prefix}live@{y}") is False]
            if ended and node.quant.kind == "in_year":
                # A unit that ended before this year is read in its last year (Reading 6).
                for y in range(years[0] - 1, self.ctx.period.start - 1, -1):
                    if self.row.get(f"{prefix}live@{y}") is not False:
                        ok, text, value = self.atom_year(node.atom, prefix, y)
                        return passed, (f"{years[0]}: {ENDED}; đọc năm cuối {text}"), {
                            str(y): value}
                return passed, f"{years[0]}: {ENDED}", {}
            if ended:
                kept = [item for item in items if item[0] not in ended]
                _, text = self.quantified(node.quant, kept, atom_label(node.atom))
                return passed, f"{text}; {', '.join(map(str, ended))}: {ENDED}", {
                    str(y): v for y, _, _, v in kept}
            _, text = self.quantified(node.quant, items, atom_label(node.atom))
            return passed, text, {str(y): v for y, _, _, v in items}
        if isinstance(node, MemberShare):
            assert node.quant is not None
            key = atom_key(node.atom)
            items = []
            for y in self.years(node.quant):
                hit = int(self.row.get(f"{prefix}m[{key}]@{y}") or 0)
                total = int(self.row.get(f"{prefix}mt@{y}") or 0)
                if node.measure == "count":
                    ok = cmp_values(hit, node.op, node.amount)
                    text = f"{y}: {hit}/{total} thành viên {atom_label(node.atom)}"
                elif total == 0:
                    ok, text = False, f"{y}: không có thành viên"
                else:
                    share = hit * 100 / total
                    ok = cmp_values(hit * 100, node.op, total * node.amount)
                    op = OP_SHOW[node.op] if ok else OP_NEG[node.op]
                    op = OP_SHOW.get(op, op)
                    text = (f"{y}: {hit}/{total} thành viên ({number(share)}%) "
                            f"{op} {number(node.amount)}%")
                items.append((y, ok, text, f"{hit}/{total}"))
            _, text = self.quantified(node.quant, items, "thành viên đạt")
            return passed, text, {str(y): v for y, _, _, v in items}
        if isinstance(node, CountOver):
            assert node.years is not None
            key = atom_key(node.atom)
            years = node.years.resolve(self.ctx.period, self.ctx.evaluation_year)
            counts = {str(y): int(self.row.get(f"{prefix}n[{key}]@{y}") or 0) for y in years}
            total = sum(counts.values())
            detail = ", ".join(f"{y}: {n}" for y, n in counts.items() if n)
            detail = f" ({detail})" if detail else ""
            sign = "≥" if total >= node.min_count else "<"
            return passed, f"{total} {counted_label(node.atom)}{detail} {sign} {node.min_count}", {
                **counts, "total": total}
        return passed, "", {}

    def walk(self, node: Condition, prefix: str, depth: int, out: list[dict[str, Any]]) -> None:
        passed, text, values = self.node(node, prefix)
        out.append({
            "id": node.cid, "text": node.text, "clause": node.clause or self.result.standard.clause,
            "passed": passed, "values": values, "explanation": text, "depth": depth,
        })
        if isinstance(node, AllOf | AnyOf):
            for child in children(node):
                self.walk(child, prefix, depth + 1, out)
            return
        inner: Condition | None = None
        step = ""
        if isinstance(node, Scoped):
            inner, step = node.child, ("p." if node.scope == "parent" else "w.")
        elif isinstance(node, Not):
            inner = node.child
        elif isinstance(node, IfThen):
            inner = node.then
        if isinstance(inner, AllOf | AnyOf):
            for child in inner.children:
                self.walk(child, prefix + step, depth + 1, out)


ENDED = "không xét (đơn vị đã kết thúc hoạt động, không có kết quả năm này)"


def find_row(result: StandardResult, code: str) -> dict[str, Any] | None:
    p = result.run.prepared
    entity = "unit" if result.standard.subject == "collective" else "person"
    idx = p.index_of(entity, code)
    if idx is None:
        return None
    column = result.frame["__idx"]
    # Candidate frames are in index order: a binary search finds the row.
    pos = int(column.search_sorted(idx))
    if pos >= column.len() or column[pos] != idx:
        return None
    return result.frame.row(pos, named=True)


def quota_note(result: StandardResult, row: dict[str, Any]) -> str:
    std = result.standard
    if not row.get("eligible"):
        return ""
    group = row.get("category") if std.subject == "collective" else row.get("w.category")
    limit = row.get("q_group_limit")
    in_group = f"hạng {row['q_group_rank']} trong khối {group}"
    cut = row.get("q_cut")
    if cut == "ended":
        return ("đơn vị đã kết thúc hoạt động (sáp nhập, giải thể) trước khi có kết quả năm "
                f"{result.run.context.evaluation_year}: không tặng, không tính vào chỉ tiêu")
    if cut == "higher":
        return f"nhận hình thức cao hơn ({row.get('q_higher')}), không tính vào chỉ tiêu"
    if cut is None:
        if limit is not None:
            return f"trong chỉ tiêu: {in_group}, chỉ tiêu {limit}"
        if std.quota.is_empty():
            return "được chọn (không giới hạn số lượng)"
        return f"trong chỉ tiêu: thứ {row['q_rank']} trong số đủ tiêu chuẩn"
    if cut == "category":
        return f"ngoài chỉ tiêu: {in_group}, chỉ tiêu {limit}" + tie_note(result, row)
    if cut == "unit":
        unit = result.run.prepared.unit_code(row.get("w.__idx"))
        return (f"ngoài chỉ tiêu: thứ {row['q_unit_rank']} trong đơn vị {unit}, "
                f"chỉ tiêu {std.quota.per_unit} mỗi đơn vị") + tie_note(result, row)
    return (f"ngoài chỉ tiêu chung: thứ {row['q_total_rank']} trong số còn lại sau chỉ tiêu "
            f"khối, tổng không quá {std.quota.total}") + tie_note(result, row)


def tie_note(result: StandardResult, row: dict[str, Any]) -> str:
    """When the last one in had the same ranking values, say what decided."""
    std = result.standard
    keys = [f"k{i}" for i in range(len(std.order))]
    cut = row.get("q_cut")
    column = {"category": "category" if std.subject == "collective" else "w.category",
              "unit": "w.__idx"}.get(str(cut))
    last = _last_selected(result, column).get(row.get(column) if column else None)
    if last is None:
        return ""
    if any(last.get(k) != row.get(k) for k in keys):
        return ""
    p = result.run.prepared
    table = p.units if std.subject == "collective" else p.people
    other = str(table["code"][last["__idx"]])
    mine_w = bool(table["women"][row["__idx"]])
    other_w = bool(table["women"][last["__idx"]])
    rule = "ưu tiên nữ (Nghị định 152/2025, Điều 4.6)" if "women" in std.tiebreak and \
        other_w and not mine_w else "thứ tự mã"
    same = "cùng giá trị xếp hạng" if keys else "không có tiêu chí xếp hạng"
    return f"; {same} với {other} (được chọn), phân định theo {rule}"


def _last_selected(result: StandardResult, column: str | None) -> dict[Any, dict[str, Any]]:
    """The last selected row of each group (category, unit, or all): cached per result."""
    cache = result.__dict__.setdefault("_last_selected", {})
    if column not in cache:
        f = result.selected_frame()
        if column is None:
            cache[None] = {None: f.row(-1, named=True)} if f.height else {}
        else:
            last = f.group_by(column, maintain_order=True).last()
            cache[column] = {r[column]: r for r in last.iter_rows(named=True)}
    return cache[column]


def order_note(result: StandardResult, row: dict[str, Any]) -> str:
    parts = []
    for i, key in enumerate(result.standard.order):
        raw = row.get(f"k{i}")
        measure = key.measure if key.kind in ("value", "mean") else ""
        value = show(measure, raw) if measure else ("—" if raw is None else str(raw))
        label = re.sub(r"\s*(giảm dần|tăng dần|giam dan|tang dan)\s*$", "", key.text or key.kind)
        parts.append(f"{label} = {value}")
    return "; ".join(parts)


def _header(result: StandardResult, code: str) -> str:
    std = result.standard
    p = result.run.prepared
    entity = "unit" if std.subject == "collective" else "person"
    table = p.units if entity == "unit" else p.people
    idx = p.index_of(entity, code)
    name = table["name"][idx] if idx is not None else None
    who = f"{code} ({name})" if name else code
    return f"{who} — tiêu chuẩn {std.code} «{std.title}» (theo {std.clause})"


def record(result: StandardResult, code: str) -> dict[str, Any]:
    return record_of_row(result, code, find_row(result, code))


def record_of_row(result: StandardResult, code: str, row: dict[str, Any] | None) -> dict[str, Any]:
    std = result.standard
    if row is None:
        return {"candidate": code, "standard": std.code, "clause": std.clause,
                "candidate_of_standard": False, "eligible": False, "selected": False,
                "rank": None, "quota": None, "conditions": []}
    conds: list[dict[str, Any]] = []
    Renderer(result, row).walk(std.condition, "", 0, conds)
    eligible = bool(row.get("eligible"))
    quota = None
    if eligible:
        quota = {
            "group": row.get("category") if std.subject == "collective" else row.get("w.category"),
            "rank_in_group": row.get("q_group_rank"), "limit": row.get("q_group_limit"),
            "rank_in_unit": row.get("q_unit_rank"), "cut": row.get("q_cut"),
            "higher_form": row.get("q_higher"),
            "note": quota_note(result, row), "ranking": order_note(result, row),
        }
    return {
        "candidate": code, "standard": std.code, "clause": std.clause,
        "candidate_of_standard": True, "eligible": eligible,
        "selected": bool(row.get("selected")), "rank": row.get("q_rank"), "quota": quota,
        "conditions": conds[1:],  # the root is the standard itself
    }


def explain(result: StandardResult, code: str) -> str:
    rec = record(result, code)
    lines = [_header(result, code)]
    if not rec["candidate_of_standard"]:
        lines.append("Kết luận: không thuộc đối tượng xét của tiêu chuẩn này")
        return "\n".join(lines)
    if rec["eligible"]:
        verdict = "đủ tiêu chuẩn; " + rec["quota"]["note"]
        if rec["quota"]["ranking"]:
            verdict += f" (xếp hạng theo: {rec['quota']['ranking']})"
    else:
        verdict = "không đủ tiêu chuẩn"
    lines.append(f"Kết luận: {verdict}")
    for c in rec["conditions"]:
        mark = "Đạt" if c["passed"] else "Không đạt"
        indent = "  " * c["depth"]
        own = f" [{c['clause']}]" if c["clause"] != result.standard.clause else ""
        lines.append(f"{indent}- {mark}: {c['text']} — {c['explanation']}{own}")
    return "\n".join(lines)


def records(result: StandardResult, only: str | None = None) -> Iterator[dict[str, Any]]:
    frame = result.frame if only is None else result.frame.filter(pl.col(only))
    p = result.run.prepared
    table = p.units if result.standard.subject == "collective" else p.people
    codes = table["code"].gather(frame["__idx"])
    for code, row in zip(codes, frame.iter_rows(named=True), strict=True):
        yield record_of_row(result, str(code), row)
