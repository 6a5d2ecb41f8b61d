"""Parser of the award-standard language: text -> RuleSet, hand-written, never eval.

Keywords are read on a folded copy of each line (lower case, no diacritics, same length), so
"xếp loại" and "xep loai" are the same keyword, while columns and string literals come from
the original text. Every fault is a RuleSyntaxError with line, column and a Vietnamese message.
The grammar is documented in docs/rules.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NoReturn

from thidua.rules import ast
from thidua.rules.ast import (
    AllOf,
    Amount,
    AnyOf,
    Atom,
    Compare,
    Cond,
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
    OrderKey,
    Period,
    PerYear,
    Pos,
    Quantifier,
    Quota,
    RankImproved,
    Registered,
    RuleSet,
    Scoped,
    Standard,
    StandardRef,
    YearRange,
    YearRef,
)
from thidua.rules.errors import RuleCycleError, RuleSyntaxError
from thidua.rules.vocab import (
    CLASSIFICATION,
    DISCIPLINE,
    FLAGS,
    INITIATIVE_LEVEL,
    RATING,
    TITLE,
    Scale,
    fold,
)

MAX_TEXT = 200_000  # characters; a campaign's standards fit in a few pages

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<str>"[^"]*"|“[^”]*”)
  | (?P<pct>\d+(?:[.,]\d+)?\s*%)
  | (?P<num>\d+(?:[.,]\d+)?)
  | (?P<range>\.\.|…)
  | (?P<op>[<>=!≥≤≠]+)
  | (?P<word>[^\W\d][\w\-]*)
  | (?P<colon>:)
  | (?P<comma>[,;])
  | (?P<dash>[-–—])
  | (?P<plus>\+)
    """,
    re.VERBOSE,
)

_OPS = {">=": ">=", "≥": ">=", "=>": ">=", "<=": "<=", "≤": "<=", "=<": "<=", ">": ">",
        "<": "<", "=": "=", "==": "=", "!=": "!=", "≠": "!=", "<>": "!="}
_OPS_HINT = "mong đợi một phép so sánh (>=, >, =, <, <=, !=)"

# folded phrase -> (measure, context, scale or None); longest phrases are tried first
MEASURES: dict[str, tuple[str, str, Scale | None]] = {
    "xep loai cchc": ("cls", "unit", CLASSIFICATION),
    "diem cchc": ("score", "unit", None),
    "chi so cchc": ("score", "unit", None),
    "par index": ("score", "unit", None),
    "hang cchc": ("rank", "unit", None),
    "thu hang cchc": ("rank", "unit", None),
    "sipas": ("sipas", "unit", None),
    "pci": ("pci", "unit", None),
    "papi": ("papi", "unit", None),
    "xep loai chat luong": ("rating", "person", RATING),
    "xep loai ca nhan": ("rating", "person", RATING),
    "danh hieu": ("title", "person", TITLE),
}
MEASURE_LABELS = {
    "cls": "xếp loại CCHC", "score": "điểm CCHC", "rank": "hạng CCHC", "sipas": "SIPAS",
    "pci": "PCI", "papi": "PAPI", "rating": "xếp loại chất lượng", "title": "danh hiệu",
}
SCALE_OF = {"cls": CLASSIFICATION, "rating": RATING, "title": TITLE}

Context = Literal["unit", "person"]


@dataclass
class Tok:
    kind: str
    value: str  # folded text (for str: the original content without quotes)
    col: int  # 1-based column in the NFC line
    raw: str  # original text


@dataclass
class Line:
    no: int
    indent: int
    text: str  # original line, NFC, without the comment
    toks: list[Tok]
    children: list[Line] = field(default_factory=list)


def _tokenise(no: int, original: str) -> list[Tok]:
    folded = fold(original)
    toks: list[Tok] = []
    i = 0
    while i < len(folded):
        m = _TOKEN.match(folded, i)
        if m is None or m.end() == i:
            raise RuleSyntaxError(
                f'không hiểu ký tự "{original[i]}" trong "{original.strip()}"', no, i + 1,
                original,
            )
        kind = m.lastgroup or ""
        raw = original[m.start():m.end()]
        if kind == "str":
            toks.append(Tok("str", raw[1:-1].strip(), i + 1, raw))
        elif kind != "ws":
            toks.append(Tok(kind, m.group(), i + 1, raw))
        i = m.end()
    return toks


def _strip_comment(text: str) -> str:
    in_str = False
    for i, ch in enumerate(text):
        if ch in "\"“”":
            in_str = not in_str if ch == '"' else ch == "“"
        elif ch == "#" and not in_str:
            return text[:i]
    return text


def _lines(text: str) -> list[Line]:
    roots: list[Line] = []
    stack: list[Line] = []
    for no, raw in enumerate(text.split("\n"), start=1):
        line = _strip_comment(raw.rstrip("\r")).rstrip()
        if not line.strip():
            continue
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if '"' in stripped and stripped.count('"') % 2:
            col = line.rfind('"') + 1
            raise RuleSyntaxError(f'chuỗi chưa đóng dấu nháy trong "{stripped}"', no, col, line)
        node = Line(no, indent, line, _tokenise(no, line))
        while stack and stack[-1].indent >= indent:
            stack.pop()
        siblings = stack[-1].children if stack else roots
        if siblings and siblings[0].indent != indent:
            raise RuleSyntaxError(
                f'thụt lề không khớp với các dòng cùng cấp (dòng {siblings[0].no}): '
                f'"{stripped}"', no, 1, line,
            )
        siblings.append(node)
        stack.append(node)
    return roots


class _Cursor:
    """Reads one line's tokens."""

    def __init__(self, line: Line) -> None:
        self.line = line
        self.toks = line.toks
        self.i = 0

    # -- errors ---------------------------------------------------------------------------
    def fail(self, detail: str, tok: Tok | None = None) -> NoReturn:
        tok = tok if tok is not None else self.peek()
        col = tok.col if tok is not None else len(self.line.text.rstrip()) + 1
        raise RuleSyntaxError(
            f'không hiểu "{self.line.text.strip()}"; {detail}', self.line.no, col, self.line.text
        )

    def fail_at(self, message: str, tok: Tok | None) -> NoReturn:
        col = tok.col if tok is not None else len(self.line.text.rstrip()) + 1
        raise RuleSyntaxError(message, self.line.no, col, self.line.text)

    # -- reading --------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Tok | None:
        j = self.i + k
        return self.toks[j] if j < len(self.toks) else None

    def at_end(self) -> bool:
        return self.i >= len(self.toks)

    def words_ahead(self, phrase: str) -> bool:
        parts = phrase.split()
        for k, w in enumerate(parts):
            t = self.peek(k)
            if t is None or t.kind != "word" or t.value != w:
                return False
        return True

    def accept(self, *phrases: str) -> str | None:
        for phrase in sorted(phrases, key=lambda p: -len(p.split())):
            if self.words_ahead(phrase):
                self.i += len(phrase.split())
                return phrase
        return None

    def expect(self, phrase: str, what: str | None = None) -> None:
        if not self.accept(phrase):
            self.fail(f"mong đợi «{what or phrase}»")

    def accept_kind(self, kind: str) -> Tok | None:
        t = self.peek()
        if t is not None and t.kind == kind:
            self.i += 1
            return t
        return None

    def expect_kind(self, kind: str, what: str) -> Tok:
        t = self.accept_kind(kind)
        if t is None:
            self.fail(f"mong đợi {what}")
        return t

    def expect_end(self) -> None:
        if not self.at_end():
            self.fail("thừa phần cuối dòng, mong đợi hết dòng")

    def number(self, what: str = "một số") -> tuple[float, Tok]:
        t = self.peek()
        if t is None or t.kind not in ("num", "pct"):
            self.fail(f"mong đợi {what}")
        self.i += 1
        return float(t.value.rstrip("%").strip().replace(",", ".")), t

    def integer(self, what: str = "một số nguyên") -> tuple[int, Tok]:
        t = self.peek()
        if t is None or t.kind != "num" or not t.value.isdigit():
            self.fail(f"mong đợi {what}")
        self.i += 1
        if len(t.value) > 9:
            self.fail_at(f'số "{t.raw}" quá lớn', t)
        return int(t.value), t


@dataclass
class _StdCtx:
    code: str
    subject: ast.Subject
    refs: list[tuple[StandardRef, tuple[str, ...], Line]] = field(default_factory=list)


class Parser:
    def __init__(
        self,
        text: str,
        period: Period | None,
        categories: Collection[str] | None,
        known_codes: Collection[str],
        award_codes: Collection[str] | None = None,
    ) -> None:
        self.text = unicodedata.normalize("NFC", text)
        self.period = period
        self.categories = {c for c in categories} if categories is not None else None
        self.known = {c.upper() for c in known_codes}
        self._award_codes = award_codes
        self.std: _StdCtx | None = None

    # ------------------------------------------------------------------------- file level
    def parse(self) -> RuleSet:
        if len(self.text) > MAX_TEXT:
            raise RuleSyntaxError(f"văn bản quá dài (hơn {MAX_TEXT} ký tự)", 1, 1)
        roots = _lines(self.text)
        standards: list[Standard] = []
        contexts: list[_StdCtx] = []
        for line in roots:
            cur = _Cursor(line)
            if cur.accept("giai doan", "ky thi dua"):
                start, t = cur.integer("năm bắt đầu, ví dụ 2021..2025")
                end = start
                if cur.accept_kind("range") or cur.accept_kind("dash") or cur.accept("den"):
                    end, t = cur.integer("năm kết thúc")
                cur.expect_end()
                if not (1900 <= start <= end <= 2200):
                    cur.fail_at(f"giai đoạn {start}..{end} không hợp lệ", t)
                declared = Period(start, end)
                if self.period is not None and self.period != declared:
                    cur.fail_at(
                        f"giai đoạn {declared} khác giai đoạn của phong trào {self.period}",
                        line.toks[0],
                    )
                if standards:
                    cur.fail_at("khai báo giai đoạn phải đứng trước các tiêu chuẩn", line.toks[0])
                self.period = declared
                if line.children:
                    _Cursor(line.children[0]).fail("dòng này không được thụt lề")
            elif cur.words_ahead("tieu chuan"):
                if self.period is None:
                    cur.fail_at(
                        "chưa biết giai đoạn thi đua: thêm dòng «giai đoạn 2021..2025» ở đầu",
                        line.toks[0],
                    )
                std, ctx = self._standard(line)
                if any(s.code == std.code for s in standards) or std.code in self.known:
                    cur.fail_at(f'tiêu chuẩn "{std.code}" đã được khai báo', line.toks[2])
                standards.append(std)
                contexts.append(ctx)
            else:
                cur.fail("mong đợi «giai đoạn 2021..2025» hoặc «tiêu chuẩn MÃ \"tên\" theo \"điều\"»")
        assert self.period is not None or not standards
        period = self.period or Period(2000, 2000)
        ordered = _check_references(standards, contexts, self.known)
        return RuleSet(period, tuple(ordered), self.text)

    # ------------------------------------------------------------------------- standard
    def _standard(self, line: Line) -> tuple[Standard, _StdCtx]:
        cur = _Cursor(line)
        cur.expect("tieu chuan")
        code_tok = cur.expect_kind("word", "mã tiêu chuẩn, ví dụ KG-P-FLAG")
        code = code_tok.raw.upper()
        title = cur.expect_kind("str", 'tên tiêu chuẩn trong dấu nháy, ví dụ "Cờ thi đua"').value
        cur.expect("theo", 'theo "điều khoản"')
        clause = cur.expect_kind("str", 'điều khoản trong dấu nháy, ví dụ "002 §IV.1.1.a"').value
        if cur.accept_kind("colon") is None:
            pass
        cur.expect_end()
        if not line.children:
            cur.fail_at(f'tiêu chuẩn "{code}" chưa có nội dung (các dòng thụt lề bên dưới)',
                        code_tok)
        subject: ast.Subject | None = None
        categories: tuple[str, ...] | None = None
        quota = Quota()
        order: tuple[OrderKey, ...] = ()
        tiebreak: tuple[Literal["women", "code"], ...] = ("women", "code")
        higher: list[tuple[str, Pos]] = []
        higher_clause: str | None = None
        merged_parents: Literal["all", "any"] = "all"
        cond_lines: list[Line] = []
        for child in line.children:
            c = _Cursor(child)
            if c.accept("hinh thuc cao hon"):
                c.accept_kind("colon")
                while True:
                    t = c.expect_kind("word", "mã tiêu chuẩn của hình thức cao hơn, ví dụ KG-P-FLAG")
                    higher.append((t.raw.upper(), Pos(child.no, t.col)))
                    if not (c.accept_kind("comma") or c.accept("hoac", "va")):
                        break
                higher_clause = self._cite(c)
                c.expect_end()
                self._no_children(child)
            elif c.accept("don vi cap tren khi sap nhap"):
                c.accept_kind("colon")
                if c.accept("mot trong", "bat ky"):
                    merged_parents = "any"
                elif c.accept("tat ca"):
                    merged_parents = "all"
                else:
                    c.fail("mong đợi «tất cả» hoặc «một trong»")
                c.expect_end()
                self._no_children(child)
            elif c.accept("ap dung cho"):
                if subject is not None:
                    c.fail_at("«áp dụng cho» chỉ được khai báo một lần", child.toks[0])
                if c.accept("tap the", "don vi"):
                    subject = "collective"
                elif c.accept("ca nhan"):
                    subject = "individual"
                else:
                    c.fail("mong đợi «tập thể» hoặc «cá nhân»")
                if c.accept("thuoc khoi", "thuoc cac khoi"):
                    categories = self._categories(c)
                c.expect_end()
                self._no_children(child)
            elif c.accept("chi tieu", "so luong"):
                quota = self._quota(c, child)
                if quota.per_unit is not None and subject == "collective":
                    c.fail_at("«mỗi đơn vị» chỉ dùng cho tiêu chuẩn cá nhân", child.toks[0])
            elif c.accept("xep hang theo", "thu tu xet"):
                self._require_subject(subject, c)
                order = self._order(c, child, subject)
            elif c.accept("khi bang nhau"):
                tiebreak = self._tiebreak(c)
                self._no_children(child)
            else:
                cond_lines.append(child)
        if subject is None:
            _Cursor(line).fail_at(
                f'tiêu chuẩn "{code}" thiếu dòng «áp dụng cho tập thể|cá nhân»', code_tok
            )
        ctx = _StdCtx(code, subject)
        self.std = ctx
        context: Context = "unit" if subject == "collective" else "person"
        conds = tuple(self._conditions(cond_lines, context, (), ""))
        if not conds:
            _Cursor(line).fail_at(f'tiêu chuẩn "{code}" chưa có điều kiện nào', code_tok)
        start = line.no - 1
        end = max(_last_line(line), line.no)
        source = "\n".join(self.text.split("\n")[start:end])
        top = AllOf(Pos(line.no, 1), "tất cả các điều kiện", clause, "", conds)
        std = Standard(
            code=code, title=title, clause=clause, subject=subject, categories=categories,
            condition=top, quota=quota, order=order, tiebreak=tiebreak,
            pos=Pos(line.no, code_tok.col), source=source,
            higher=tuple(code for code, _ in higher), higher_pos=tuple(p for _, p in higher),
            higher_clause=higher_clause, merged_parents=merged_parents,
        )
        return std, ctx

    def _require_subject(self, subject: ast.Subject | None, c: _Cursor) -> None:
        if subject is None:
            c.fail_at("khai báo «áp dụng cho …» trước «xếp hạng theo»", c.peek())

    def _no_children(self, line: Line) -> None:
        if line.children:
            _Cursor(line.children[0]).fail("dòng phía trên không mở khối, bỏ thụt lề dòng này")

    def _categories(self, c: _Cursor) -> tuple[str, ...]:
        cats: list[str] = []
        while True:
            t = c.expect_kind("word", "mã khối, ví dụ so-nganh")
            if self.categories is not None and t.value not in self.categories:
                known = ", ".join(sorted(self.categories))
                c.fail_at(f'không biết khối "{t.raw}"; các khối: {known}', t)
            cats.append(t.value)
            if not (c.accept_kind("comma") or c.accept("va")):
                break
        return tuple(cats)

    # ------------------------------------------------------------------------- conditions
    def _conditions(
        self, lines: Iterable[Line], ctx: Context, scopes: tuple[str, ...], prefix: str
    ) -> list[Condition]:
        out = []
        for n, line in enumerate(lines, start=1):
            out.append(self._condition_line(line, ctx, scopes, f"{prefix}{n}"))
        return out

    def _block(
        self, line: Line, c: _Cursor, ctx: Context, scopes: tuple[str, ...], cid: str
    ) -> tuple[Condition, ...]:
        if not line.children:
            c.fail("mong đợi các điều kiện ở các dòng thụt lề bên dưới")
        return tuple(self._conditions(line.children, ctx, scopes, cid + "."))

    def _cite(self, c: _Cursor) -> str | None:
        if c.accept("theo"):
            return c.expect_kind("str", 'điều khoản trong dấu nháy').value
        return None

    def _condition_line(
        self, line: Line, ctx: Context, scopes: tuple[str, ...], cid: str
    ) -> Condition:
        c = _Cursor(line)
        pos = Pos(line.no, line.toks[0].col)
        text = line.text.strip()
        group = c.accept("tat ca", "mot trong", "bat ky", "mot trong cac", "khong")
        if group and c.accept_kind("colon"):
            clause = self._cite(c)
            c.expect_end()
            kids = self._block(line, c, ctx, scopes, cid)
            if group == "tat ca":
                return AllOf(pos, text, clause, cid, kids)
            if group == "khong":
                inner = kids[0] if len(kids) == 1 else AllOf(pos, text, clause, cid + ".0", kids)
                return Not(pos, text, clause, cid, inner)
            return AnyOf(pos, text, clause, cid, kids)
        if group:
            c.i = 0
        if c.accept("neu"):
            when = self._simple(c, ctx, scopes, cid + ".0", line)
            if c.accept_kind("colon") is None:
                c.fail("mong đợi dấu «:» sau điều kiện của «nếu»")
            if c.at_end():
                then: Condition = AllOf(pos, text, None, cid + ".1",
                                        self._block(line, c, ctx, scopes, cid + "."))
            else:
                then = self._simple(c, ctx, scopes, cid + ".1", line)
                clause = self._cite(c)
                c.expect_end()
                self._no_children(line)
                return IfThen(pos, text, clause, cid, when, then)
            return IfThen(pos, text, None, cid, when, then)
        scope = self._scope(c, ctx)
        if scope is not None:
            c.accept_kind("colon")
            inner_ctx: Context = "unit"
            new_scopes = (*scopes, scope)
            if c.at_end():
                kids = self._block(line, c, inner_ctx, new_scopes, cid)
                child: Condition = AllOf(pos, text, None, cid + ".0", kids)
                return Scoped(pos, text, None, cid, scope, child)
            child = self._simple(c, inner_ctx, new_scopes, cid + ".0", line)
            clause = self._cite(c)
            c.expect_end()
            self._no_children(line)
            return Scoped(pos, text, clause, cid, scope, child)
        cond = self._simple(c, ctx, scopes, cid, line)
        cite_tok = c.peek()
        clause = self._cite(c)
        c.expect_end()
        self._no_children(line)
        if clause and cite_tok is not None:
            return replace(cond, clause=clause, text=line.text[: cite_tok.col - 1].strip())
        return cond

    def _scope(self, c: _Cursor, ctx: Context) -> ast.Scope | None:
        t = c.peek()
        if c.accept("don vi cap tren", "co quan cap tren", "cap tren"):
            if ctx != "unit":
                c.fail_at("«đơn vị cấp trên» chỉ dùng cho tập thể; với cá nhân hãy viết "
                          "«đơn vị công tác: đơn vị cấp trên: …»", t)
            return "parent"
        if c.accept("don vi cong tac", "co quan cong tac"):
            if ctx != "person":
                c.fail_at("«đơn vị công tác» chỉ dùng cho cá nhân", t)
            return "workunit"
        return None

    def _simple(
        self, c: _Cursor, ctx: Context, scopes: tuple[str, ...], cid: str, line: Line
    ) -> Condition:
        pos = Pos(line.no, (c.peek() or line.toks[0]).col)
        text = line.text.strip()
        base = Cond(pos, text, None, cid)
        kw: dict[str, Any] = {"pos": base.pos, "text": base.text, "clause": None, "cid": cid}
        start = c.peek()
        if start is None:
            c.fail("mong đợi một điều kiện")
        scope = self._scope(c, ctx)
        if scope is not None:
            c.accept_kind("colon")
            child = self._simple(c, "unit", (*scopes, scope), cid + ".0", line)
            return Scoped(**kw, scope=scope, child=child)
        if c.accept("khong co thanh vien nao", "khong thanh vien nao", "khong co ai"):
            self._unit_only(c, ctx, start, "«thành viên»")
            atom = self._atom(c, "person")
            return MemberShare(**kw, measure="count", op="=", amount=0.0, atom=atom,
                               quant=self._quant(c))
        if c.accept("co thanh vien", "co ca nhan"):
            self._unit_only(c, ctx, start, "«thành viên»")
            atom = self._atom(c, "person")
            return MemberShare(**kw, measure="count", op=">=", amount=1.0, atom=atom,
                               quant=self._quant(c))
        if c.accept("khong"):
            inner = self._simple(c, ctx, scopes, cid + ".0", line)
            return Not(**kw, child=inner)
        if c.accept("da dang ky", "co dang ky"):
            c.accept("thi dua")
            return Registered(**kw)
        if c.accept("thuoc khoi", "thuoc cac khoi"):
            self._unit_only(c, ctx, start, "«thuộc khối»")
            return InCategory(**kw, categories=self._categories(c))
        mode = c.accept("duoc xet", "du tieu chuan", "dat tieu chuan", "duoc chon", "duoc tang")
        if mode:
            return self._ref(c, kw, ctx, scopes, "selected" if mode in ("duoc chon", "duoc tang")
                             else "eligible")
        share = self._share(c)
        if share is not None:
            self._unit_only(c, ctx, start, "«thành viên»")
            op, amount = share
            c.expect("thanh vien", "thành viên")
            atom = self._atom(c, "person")
            return MemberShare(**kw, measure="share", op=op, amount=amount, atom=atom,
                               quant=self._quant(c))
        if c.words_ahead("co") and not c.words_ahead("co thanh tich") and self._is_count(c, 1):
            c.accept("co")
            return self._count(c, kw, ctx)
        if c.words_ahead("dat giai") or c.words_ahead("da duoc khen"):
            return self._count(c, kw, ctx)
        atom = self._atom(c, ctx)
        return PerYear(**kw, atom=atom, quant=self._quant(c))

    def _unit_only(self, c: _Cursor, ctx: Context, tok: Tok, what: str) -> None:
        if ctx != "unit":
            c.fail_at(f"{what} chỉ dùng cho tập thể (đơn vị)", tok)

    def _is_count(self, c: _Cursor, k: int) -> bool:
        t = c.peek(k)
        if t is None:
            return False
        if t.kind == "word" and t.value == "it":
            return True
        return t.kind == "word" and t.value == "sang" and (c.peek(k + 1) or t).value == "kien"

    def _share(self, c: _Cursor) -> tuple[str, float] | None:
        t = c.peek()
        op = ">="
        k = 0
        if t is not None and t.kind == "op":
            op = self._op_value(c, t)
            k = 1
        elif c.words_ahead("it nhat"):
            k = 2
        pt = c.peek(k)
        if pt is None or pt.kind != "pct":
            return None
        c.i += k + 1
        value = float(pt.value.rstrip("%").strip().replace(",", "."))
        if not 0 <= value <= 100:
            c.fail_at(f"tỷ lệ {pt.raw} phải trong khoảng 0–100%", pt)
        return op, value

    def _op_value(self, c: _Cursor, t: Tok) -> str:
        op = _OPS.get(t.value)
        if op is None:
            c.fail(_OPS_HINT, t)
        return op

    def _ref(
        self, c: _Cursor, kw: dict[str, Any], ctx: Context, scopes: tuple[str, ...],
        mode: ast.RefMode,
    ) -> StandardRef:
        codes: list[str] = []
        poss: list[Pos] = []
        while True:
            t = c.expect_kind("word", "mã tiêu chuẩn, ví dụ KG-P-FLAG")
            codes.append(t.raw.upper())
            poss.append(Pos(c.line.no, t.col))
            if not (c.accept_kind("comma") or c.accept("hoac")):
                break
        ref = StandardRef(**kw, codes=tuple(codes), mode=mode, code_pos=tuple(poss))
        assert self.std is not None
        self.std.refs.append((ref, (*scopes, ctx), c.line))
        return ref

    # ------------------------------------------------------------------------- atoms
    def _measure(self, c: _Cursor) -> tuple[str, str, Scale | None] | None:
        for phrase in sorted(MEASURES, key=lambda p: -len(p.split())):
            if c.accept(phrase):
                return MEASURES[phrase]
        return None

    def _atom(self, c: _Cursor, ctx: Context) -> Atom:
        start = c.peek()
        if start is None:
            c.fail("mong đợi một điều kiện")
        if c.accept("bi ky luat", "vi pham ky luat"):
            self._person_only(c, ctx, start, "«bị kỷ luật»")
            level = 1
            if c.accept("tu muc", "muc tu", "tu"):
                level = self._scale_value(c, DISCIPLINE)
            elif c.accept("muc"):
                t = c.peek()
                if t is not None and t.kind == "op":
                    if self._op_value(c, t) != ">=":
                        c.fail("chỉ hỗ trợ «mức >= …»", t)
                    c.i += 1
                level = self._scale_value(c, DISCIPLINE)
            return Disciplined(level)
        if c.accept("co") or c.words_ahead("thanh tich"):
            for phrase, (column, label) in FLAGS.items():
                if c.accept(phrase):
                    self._person_only(c, ctx, start, f"«{label}»")
                    return Flag(column, label)
            if c.accept("sang kien"):
                return self._counted_filters(c, "initiative")
            m = self._measure(c)
            if m is not None:
                self._measure_ctx(c, ctx, m, start)
                return Known(m[0])
            c.fail("mong đợi «có sáng kiến …», «có thành tích CCHC xuất sắc» hoặc «có điểm CCHC»")
        if c.words_ahead("dat giai"):
            c.accept("dat giai")
            self._person_only(c, ctx, start, "«đạt giải»")
            return self._names(c, "prize")
        m = self._measure(c)
        if m is None:
            c.fail("mong đợi một điều kiện: «xếp loại CCHC …», «điểm CCHC …», «hạng CCHC …», "
                   "«đã đăng ký», «được xét MÃ», «100% thành viên …», «có sáng kiến …» …")
        self._measure_ctx(c, ctx, m, start)
        measure, _, scale = m
        if measure == "rank" and c.accept("cai thien", "tang hang", "tang bac"):
            return RankImproved()
        t = c.peek()
        if t is None or t.kind != "op":
            c.fail(_OPS_HINT, t)
        op = self._op_value(c, t)
        c.i += 1
        if scale is not None:
            value: float = self._scale_value(c, scale)
        else:
            value, vt = self._number_value(c, measure)
            if measure == "rank" and value != int(value):
                c.fail_at("hạng phải là số nguyên", vt)
        return Compare(measure, op, value)

    def _number_value(self, c: _Cursor, measure: str) -> tuple[float, Tok]:
        value, t = c.number(f"một số cho {MEASURE_LABELS[measure]}")
        if measure != "rank" and not 0 <= value <= 100:
            c.fail_at(f"{MEASURE_LABELS[measure]} tính trên thang 0–100, không thể là {t.raw}", t)
        return value, t

    def _measure_ctx(self, c: _Cursor, ctx: Context, m: tuple[str, str, Scale | None],
                     tok: Tok) -> None:
        if m[1] != ctx:
            label = MEASURE_LABELS[m[0]]
            if ctx == "person":
                c.fail_at(f"«{label}» là kết quả của đơn vị; với cá nhân hãy viết "
                          f"«đơn vị công tác: {label} …»", tok)
            c.fail_at(f"«{label}» là kết quả của cá nhân; với tập thể hãy viết "
                      f"«100% thành viên {label} …»", tok)

    def _person_only(self, c: _Cursor, ctx: Context, tok: Tok, what: str) -> None:
        if ctx != "person":
            c.fail_at(f"{what} là điều kiện của cá nhân; với tập thể hãy viết "
                      f"«không có thành viên nào …» hoặc «100% thành viên …»", tok)

    def _scale_value(self, c: _Cursor, scale: Scale) -> int:
        phrases = scale.phrases()
        words: list[Tok] = []
        while True:
            t = c.peek(len(words))
            if t is None or t.kind != "word" or len(words) >= 8:
                break
            words.append(t)
        for n in range(len(words), 0, -1):
            key = " ".join(w.value for w in words[:n]).replace("_", " ")
            if key in phrases:
                c.i += n
                return scale.value(phrases[key])
        stop = {"moi", "hang", "it", "nam", "trong", "theo", "cac", "lien"}
        shown = []
        for w in words:
            if w.value in stop:
                break
            shown.append(w.raw)
        first = words[0] if words else c.peek()
        c.fail_at(
            f'không biết {scale.name} "{" ".join(shown) or (first.raw if first else "")}"; '
            f"dùng một trong: {', '.join(reversed(scale.labels))}",
            first,
        )

    def _counted_filters(self, c: _Cursor, kind: Literal["initiative"]) -> Counted:
        recognised = applied = False
        level_op = ""
        level = 0
        while True:
            if c.accept("duoc cong nhan", "cong nhan", "da duoc cong nhan"):
                recognised = True
            elif c.accept("duoc ap dung", "va ap dung", "ap dung", "da duoc ap dung"):
                applied = True
            elif c.accept("tu cap", "cap tu"):
                level_op, level = ">=", self._scale_value(c, INITIATIVE_LEVEL)
            elif c.accept("cap"):
                level_op, level = "=", self._scale_value(c, INITIATIVE_LEVEL)
            elif c.accept("va", "dong thoi"):
                continue
            else:
                break
        return Counted(kind, recognised, applied, level_op, level)

    def award_codes(self) -> frozenset[str]:
        """The award forms «đã được khen» may name: the catalogue's (award_forms.yaml)."""
        if self._award_codes is None:
            from thidua.rules.award_forms import catalogue

            self._award_codes = catalogue().codes()
        return frozenset(c.lower() for c in self._award_codes)

    def _names(self, c: _Cursor, kind: Literal["prize", "award"]) -> Counted:
        if kind == "prize":
            c.accept("cuoc thi", "tai cuoc thi")
        names: list[str] = []
        while True:
            t = c.expect_kind("word", "mã cuộc thi" if kind == "prize" else "mã hình thức khen")
            if kind == "award" and t.value not in self.award_codes():
                known = ", ".join(sorted(self.award_codes()))
                c.fail_at(f'không biết hình thức khen thưởng "{t.raw}"; các mã: {known}', t)
            names.append(t.value)
            if not (c.accept_kind("comma") or c.accept("hoac")):
                break
        return Counted(kind, names=tuple(names))

    def _count(self, c: _Cursor, kw: dict[str, Any], ctx: Context) -> CountOver:
        start = c.peek()
        n = 1
        if c.accept("dat giai"):
            self._person_only(c, ctx, start or c.toks[0], "«đạt giải»")
            atom = self._names(c, "prize")
        elif c.accept("da duoc khen", "da duoc tang"):
            atom = self._names(c, "award")
        else:
            if c.accept("it nhat"):
                n, t = c.integer("số sáng kiến")
                if n < 1:
                    c.fail_at("số sáng kiến phải từ 1 trở lên", t)
            c.expect("sang kien", "sáng kiến")
            atom = self._counted_filters(c, "initiative")
        years = self._time(c)
        return CountOver(**kw, atom=atom, min_count=n, years=years)

    # ------------------------------------------------------------------------- years
    def _year_name(self, c: _Cursor) -> YearRef | None:
        name = c.accept("xet", "danh gia", "truoc", "cuoi", "dau", "nay")
        if name is None:
            return None
        base: Literal["eval", "start", "end"] = (
            "end" if name == "cuoi" else "start" if name == "dau" else "eval"
        )
        ref = YearRef(base, -1 if name == "truoc" else 0)
        t = c.peek()
        if t is not None and t.kind in ("dash", "plus"):
            nxt = c.peek(1)
            if nxt is not None and nxt.kind == "num":
                c.i += 1
                k, _ = c.integer()
                ref = YearRef(ref.base, ref.value + (k if t.kind == "plus" else -k))
        return ref

    def _year(self, c: _Cursor, allow_bare: bool) -> YearRef:
        t = c.peek()
        if t is not None and t.kind == "num":
            y, t = c.integer("một năm, ví dụ 2025")
            self._check_year(c, y, t)
            return YearRef("abs", y)
        had_nam = c.accept("nam") is not None
        if had_nam or allow_bare:
            t2 = c.peek()
            if had_nam and t2 is not None and t2.kind == "num":
                y, t2 = c.integer("một năm, ví dụ 2025")
                self._check_year(c, y, t2)
                return YearRef("abs", y)
            ref = self._year_name(c)
            if ref is not None:
                return ref
        c.fail("mong đợi một năm: 2025, «năm xét», «năm trước», «năm cuối» hoặc «năm đầu»")

    def _check_year(self, c: _Cursor, y: int, t: Tok) -> None:
        p = self.period
        if p is not None and not p.start <= y <= p.end:
            c.fail_at(f"năm {y} nằm ngoài giai đoạn thi đua {p}", t)

    def _range(self, c: _Cursor) -> YearRange:
        if c.accept("giai doan", "ca giai doan", "ky", "ca ky", "ky thi dua"):
            return YearRange(YearRef("start"), YearRef("end"))
        first = self._year(c, allow_bare=True)
        if c.accept_kind("range") or c.accept_kind("dash") or c.accept("den"):
            last = self._year(c, allow_bare=True)
        else:
            last = first
        if self.period is not None and first.base == last.base:
            a = first.resolve(self.period, self.period.end)
            b = last.resolve(self.period, self.period.end)
            if a > b:
                c.fail_at(f"khoảng năm {first}..{last} bị ngược", c.peek(-1))
        return YearRange(first, last)

    def _range_len(self, r: YearRange) -> int | None:
        if self.period is None:
            return None
        if r.first.base == "abs" and r.last.base == "abs" or r.first.base == r.last.base:
            return len(r.resolve(self.period, self.period.end))
        if r.first.base in ("abs", "start", "end") and r.last.base in ("abs", "start", "end"):
            return len(r.resolve(self.period, self.period.end))
        return None

    def _quant(self, c: _Cursor) -> Quantifier:
        period_range = YearRange(YearRef("start"), YearRef("end"))
        if c.at_end() or c.words_ahead("theo") or (c.peek() or Tok("", "", 0, "")).kind == "colon":
            return Quantifier("in_year", YearRange(YearRef("eval"), YearRef("eval")))
        if c.accept("moi nam", "hang nam", "cac nam", "ca cac nam", "tat ca cac nam"):
            has_range = c.accept("trong") is not None or self._range_follows(c)
            r = self._range(c) if has_range else period_range
            return Quantifier("every", r)
        if c.accept("it nhat"):
            n, t = c.integer("số năm")
            if not c.accept("nam", "lan"):
                c.fail("mong đợi «năm» hoặc «lần»")
            r = self._range(c) if c.accept("trong") else period_range
            self._check_n(c, n, r, t)
            return Quantifier("at_least", r, n)
        t0 = c.peek()
        if t0 is not None and t0.kind == "num" and (c.peek(1) or t0).value in ("nam", "lan"):
            p2 = c.peek(2)
            if p2 is not None and p2.value == "lien":
                n, t = c.integer()
                c.accept("nam", "lan")
                c.expect("lien tiep", "liên tiếp")
                r = self._range(c) if c.accept("trong") else period_range
                self._check_n(c, n, r, t)
                return Quantifier("in_a_row", r, n)
        if c.accept("trong"):
            return Quantifier("at_least", self._range(c), 1)
        if c.words_ahead("nam"):
            y = self._year(c, allow_bare=False)
            return Quantifier("in_year", YearRange(y, y))
        c.fail("mong đợi khoảng thời gian: «mỗi năm 2021..2025», «ít nhất 3 năm trong …», "
               "«2 năm liên tiếp trong …», «năm 2025» hoặc «năm xét»")

    def _range_follows(self, c: _Cursor) -> bool:
        t = c.peek()
        if t is None:
            return False
        if t.kind == "num":
            return True
        return any(c.words_ahead(p) for p in ("giai doan", "ky", "ca giai doan", "nam"))

    def _check_n(self, c: _Cursor, n: int, r: YearRange, t: Tok) -> None:
        if n < 1:
            c.fail_at("số năm phải từ 1 trở lên", t)
        size = self._range_len(r)
        if size is not None and n > size:
            c.fail_at(f"{n} năm nhưng khoảng chỉ có {size} năm", t)

    def _time(self, c: _Cursor) -> YearRange:
        if c.accept("trong"):
            return self._range(c)
        if c.words_ahead("nam"):
            y = self._year(c, allow_bare=False)
            return YearRange(y, y)
        if c.accept("moi nam", "hang nam", "ca giai doan", "giai doan"):
            return YearRange(YearRef("start"), YearRef("end"))
        return YearRange(YearRef("eval"), YearRef("eval"))

    # ------------------------------------------------------------------------- quota
    def _quota(self, c: _Cursor, line: Line) -> Quota:
        c.accept_kind("colon")
        per_cat: list[tuple[str, Amount]] = []
        every: Amount | None = None
        per_unit: int | None = None
        total: int | None = None
        pieces: list[_Cursor] = []
        if not c.at_end():
            pieces.append(c)
            self._no_children(line)
        elif line.children:
            for child in line.children:
                self._no_children(child)
                pieces.append(_Cursor(child))
        else:
            c.fail("mong đợi các chỉ tiêu: «khối xa 3», «mỗi khối 20%», «mỗi đơn vị 2», «tổng 6»")
        for q in pieces:
            while True:
                t = q.peek()
                if q.accept("khong gioi han"):
                    pass
                elif q.accept("moi khoi", "moi nhom"):
                    q.accept_kind("colon")
                    every = self._amount(q)
                elif q.accept("khoi", "nhom"):
                    cat = self._categories_one(q)
                    q.accept_kind("colon")
                    if any(k == cat for k, _ in per_cat):
                        q.fail_at(f'chỉ tiêu cho khối "{cat}" đã được khai báo', t)
                    per_cat.append((cat, self._amount(q)))
                elif q.accept("moi don vi", "moi tap the"):
                    q.accept_kind("colon")
                    per_unit, _ = q.integer("số cá nhân mỗi đơn vị")
                    q.accept("ca nhan")
                elif q.accept("tong", "tong cong", "tat ca"):
                    q.accept("khong qua", "toi da")
                    q.accept_kind("colon")
                    total, _ = q.integer("tổng số tối đa")
                else:
                    q.fail("mong đợi «khối MÃ số», «mỗi khối 20%», «mỗi đơn vị 2» hoặc "
                           "«tổng không quá 6»")
                if not q.accept_kind("comma"):
                    break
            q.expect_end()
        return Quota(tuple(per_cat), every, per_unit, total)

    def _categories_one(self, c: _Cursor) -> str:
        t = c.expect_kind("word", "mã khối")
        if self.categories is not None and t.value not in self.categories:
            c.fail_at(f'không biết khối "{t.raw}"; các khối: {", ".join(sorted(self.categories))}',
                      t)
        return t.value

    def _amount(self, c: _Cursor) -> Amount:
        t = c.peek()
        if t is not None and t.kind == "pct":
            v, _ = c.number()
            if not 0 < v <= 100:
                c.fail_at("tỷ lệ chỉ tiêu phải trong khoảng (0, 100]%", t)
            return Amount(percent=v)
        n, _ = c.integer("số lượng (ví dụ 3) hoặc tỷ lệ (ví dụ 20%)")
        return Amount(count=n)

    # ------------------------------------------------------------------------- order
    def _order(self, c: _Cursor, line: Line, subject: ast.Subject | None) -> tuple[OrderKey, ...]:
        c.accept_kind("colon")
        self._no_children(line)
        keys: list[OrderKey] = []
        ctx: Context = "unit" if subject == "collective" else "person"
        while True:
            start = c.i
            scope: ast.Scope | None = None
            key_ctx = ctx
            if c.accept("don vi cong tac", "cua don vi cong tac"):
                if ctx != "person":
                    c.fail_at("«đơn vị công tác» chỉ dùng cho cá nhân", c.peek(-1))
                c.accept_kind("colon")
                scope, key_ctx = "workunit", "unit"
            key = self._order_key(c, key_ctx)
            first, last = c.toks[start], c.toks[c.i - 1]
            text = line.text[first.col - 1: last.col - 1 + len(last.raw)]
            keys.append(replace(key, scope=scope, text=text))
            if not c.accept_kind("comma"):
                break
        c.expect_end()
        return tuple(keys)

    def _order_key(self, c: _Cursor, ctx: Context) -> OrderKey:
        def direction(default_desc: bool) -> bool:
            if c.accept("giam dan", "cao xuong thap", "tu cao xuong thap"):
                return True
            if c.accept("tang dan", "thap len cao", "tu thap len cao"):
                return False
            return default_desc

        if c.accept("so nam"):
            atom = self._atom(c, ctx)
            r = self._range(c) if c.accept("trong") else YearRange(YearRef("start"), YearRef("end"))
            return OrderKey("years_count", atom=atom, years=r, descending=direction(True))
        if c.accept("so sang kien"):
            atom = self._counted_filters(c, "initiative")
            r = self._time(c)
            return OrderKey("count", atom=atom, years=r, descending=direction(True))
        start = c.peek()
        m = self._measure(c)
        if m is None:
            c.fail("mong đợi tiêu chí xếp hạng: «điểm CCHC năm 2025 giảm dần», «hạng CCHC năm "
                   "2025», «điểm CCHC trung bình 2021..2025», «số năm xếp loại CCHC = xuất sắc»")
        self._measure_ctx(c, ctx, m, start or c.toks[0])
        measure = m[0]
        default_desc = measure != "rank"
        if c.accept("trung binh"):
            if m[2] is not None:
                c.fail_at(f"không tính trung bình được cho {MEASURE_LABELS[measure]}", start)
            has_range = c.accept("trong") is not None or self._range_follows(c)
            r = self._range(c) if has_range else YearRange(YearRef("start"), YearRef("end"))
            return OrderKey("mean", measure, years=r, descending=direction(default_desc))
        year = self._year(c, allow_bare=False) if c.words_ahead("nam") else YearRef("eval")
        return OrderKey("value", measure, year=year, descending=direction(default_desc))

    def _tiebreak(self, c: _Cursor) -> tuple[Literal["women", "code"], ...]:
        c.accept_kind("colon")
        out: list[Literal["women", "code"]] = []
        while True:
            if c.accept("uu tien nu", "uu tien tap the nu", "nu"):
                out.append("women")
            elif c.accept("ma", "ma so", "ma don vi", "theo ma"):
                c.accept("tang dan")
                out.append("code")
            else:
                c.fail("mong đợi «ưu tiên nữ» hoặc «mã»")
            if not c.accept_kind("comma"):
                break
        c.expect_end()
        if "code" not in out:
            out.append("code")
        return tuple(out)


def _last_line(line: Line) -> int:
    last = line.no
    for child in line.children:
        last = max(last, _last_line(child))
    return last


def _check_references(
    standards: list[Standard], contexts: list[_StdCtx], known: set[str]
) -> list[Standard]:
    """Every reference names a standard of the right subject; order by dependency; no cycles."""
    by_code = {s.code: s for s in standards}
    deps: dict[str, set[str]] = {s.code: set() for s in standards}

    def target_of(code: str, pos: Pos, source: str = "") -> Standard | None:
        """The standard a code names; None for one declared elsewhere (known_codes)."""
        target = by_code.get(code)
        if target is None and code not in known:
            names = ", ".join(sorted(by_code)) or "(chưa có)"
            raise RuleSyntaxError(
                f'không biết tiêu chuẩn "{code}"; các tiêu chuẩn đã khai báo: {names}',
                pos.line, pos.column, source)
        return target

    for std, ctx in zip(standards, contexts, strict=True):
        for ref, scopes, line in ctx.refs:
            where = scopes[-1]  # context in which the reference is read
            for code, pos in zip(ref.codes, ref.code_pos, strict=True):
                target = target_of(code, pos, line.text)
                if target is None:
                    continue
                want = "collective" if where == "unit" else "individual"
                if target.subject != want:
                    kind = "tập thể" if want == "collective" else "cá nhân"
                    raise RuleSyntaxError(
                        f'"{code}" không phải tiêu chuẩn cho {kind} nên không dùng được ở đây',
                        pos.line, pos.column, line.text,
                    )
                if code == std.code:
                    if "parent" not in scopes[:-1]:
                        raise RuleCycleError(
                            f'tiêu chuẩn "{code}" tự tham chiếu chính mình; chỉ được tham chiếu '
                            "qua «đơn vị cấp trên»", pos.line, pos.column, line.text,
                        )
                    continue
                deps[std.code].add(code)
        for code, pos in zip(std.higher, std.higher_pos, strict=True):
            target = target_of(code, pos)
            if target is None:
                continue
            if code == std.code:
                raise RuleSyntaxError(f'"{code}" không thể là hình thức cao hơn của chính nó',
                                      pos.line, pos.column)
            if target.subject != std.subject:
                raise RuleSyntaxError(
                    f'"{code}" và "{std.code}" không cùng là tiêu chuẩn tập thể hoặc cá nhân, '
                    "nên không so được hình thức cao hơn", pos.line, pos.column)
            deps[std.code].add(code)
    ordered: list[Standard] = []
    state: dict[str, int] = {}

    def visit(code: str, path: list[str]) -> None:
        if state.get(code) == 2:
            return
        if state.get(code) == 1:
            cycle = path[path.index(code):] + [code]
            std = by_code[path[-1]]
            ref = next((r for r in std.references() if code in r.codes), None)
            where = (ref.code_pos[ref.codes.index(code)] if ref is not None
                     else std.higher_pos[std.higher.index(code)])
            raise RuleCycleError(
                "các tiêu chuẩn phụ thuộc vòng tròn: " + " → ".join(cycle),
                where.line, where.column,
            )
        state[code] = 1
        for dep in sorted(deps[code]):
            visit(dep, [*path, code])
        state[code] = 2
        ordered.append(by_code[code])

    for s in standards:
        visit(s.code, [])
    return ordered


def parse(
    text: str,
    *,
    period: Period | None = None,
    categories: Collection[str] | None = None,
    known_codes: Collection[str] = (),
    award_codes: Collection[str] | None = None,
) -> RuleSet:
    """Parse a campaign's standards. Raises RuleSyntaxError (line, column, Vietnamese message).

    period: the campaign period; required unless the text declares «giai đoạn 2021..2025».
    categories: the unit categories that exist (unknown ones are rejected); None = any.
    known_codes: standards defined elsewhere that references may name.
    """
    if not isinstance(text, str):
        raise RuleSyntaxError("văn bản tiêu chuẩn phải là chuỗi ký tự", 1, 1)
    try:
        return Parser(text, period, categories, known_codes, award_codes).parse()
    except RuleSyntaxError:
        raise
    except RecursionError:
        raise RuleSyntaxError("văn bản lồng nhau quá sâu", 1, 1) from None
