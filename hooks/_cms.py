"""The content editor at /admin/ (Decap CMS): its configuration, generated from the site's own registries.

The form offers exactly the values the validation layer accepts: units from data/provinces.yml, topics
from data/topics.yml, video kinds from data/video-kinds.yml, one entry per plan file. A new unit, topic or
kind appears in the form at the next build without touching this file. Everything read from the rest of
the build goes through `sources()`, the one adapter to re-point when the content model changes.

Decap cannot express a field required only when another is filled (`source.url` once `source.name` is,
`cover_alt` once there is a `cover`, the host fields of the chosen host type): those fields are optional in
the form and the build's validation asks for them. `tests/test_cms.py` proves the two sides agree.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import yaml

from _articles import FIELDS as ARTICLE_FIELDS
from _video_loader import VIDEO_FIELDS
from _vn import fold, format_date

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from _content import Model

DECAP_VERSION = "3.16.3"
NEWS_FOLDER = "content/tin-tuc"
VIDEOS_FILE = "data/videos.yml"
PLANS_FOLDER = "data/plans"
MEDIA_FOLDER = "content/assets/images"
# Decap's default address of its local proxy (`npx decap-server`); NSCL_CMS_PROXY overrides it.
DEFAULT_PROXY = "http://localhost:8081/api/v1"

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_HINT = "chữ thường không dấu, nối bằng dấu gạch ngang, ví dụ hai-duong-tap-huan"
URL = r"^https?://\S+$"
URL_HINT = "một địa chỉ web đầy đủ, bắt đầu bằng https:// hoặc http://"
YOUTUBE_ID = r"^[A-Za-z0-9_-]{11}$"
DURATION = r"^(?:\d+:)?\d{1,2}:\d{2}$"
DATE = MappingProxyType({"widget": "datetime", "format": "DD/MM/YYYY", "date_format": "DD/MM/YYYY",
                         "time_format": False})


@dataclass(frozen=True)
class Choice:
    """One value the form offers and the label the editor sees."""

    value: str
    label: str


@dataclass(frozen=True)
class Sources:
    """What the generated configuration is made from."""

    units: tuple[Choice, ...]
    topics: tuple[Choice, ...]
    kinds: tuple[Choice, ...]
    plans: tuple[Choice, ...]  # value: the plan file's path in the project, e.g. data/plans/hai-duong.yml
    article_fields: frozenset[str]  # every front-matter key the news validation accepts
    video_fields: frozenset[str]  # every key of a video the catalogue validation accepts
    repo: str | None  # owner/name on GitHub, from repo_url
    branch: str
    auth_url: str | None  # the OAuth proxy the GitHub backend signs in through
    auth_scope: str | None  # GitHub OAuth scope: public_repo (public repository) or repo
    site_domain: str | None  # the Netlify site whose OAuth provider signs in (Netlify's service only)
    proxy_url: str  # decap-server, for local editing


def sources(m: Model, root: Path, config: MkDocsConfig) -> Sources:
    """The one adapter between the content model and the CMS: registry, topics, kinds, plans, rules, settings."""
    units = sorted(m.registry.units.values(), key=lambda u: (not u.current, fold(u.short_name), u.slug))
    plans = []
    for path in sorted((root / PLANS_FOLDER).glob("*.yml")):
        stem = path.stem
        if stem == "_quoc-gia":
            plans.append(Choice(f"{PLANS_FOLDER}/{path.name}", "Chỉ tiêu quốc gia"))
        elif stem in m.registry.units:
            plans.append(Choice(f"{PLANS_FOLDER}/{path.name}", _unit_label(m.registry.units[stem])))
    extra = (config.extra or {}).get("cms") or {}
    return Sources(
        units=tuple(Choice(u.slug, _unit_label(u)) for u in units),
        topics=tuple(Choice(t.slug, t.name) for t in m.topics.values()),
        kinds=tuple(Choice(k.slug, k.name) for k in m.kinds.values()),
        plans=tuple(plans),
        article_fields=frozenset(ARTICLE_FIELDS),
        video_fields=frozenset(VIDEO_FIELDS),
        repo=_github_repo(config.repo_url),
        branch=str(extra.get("branch") or "main"),
        auth_url=extra.get("auth_url") or None,
        auth_scope=extra.get("auth_scope") or None,
        site_domain=extra.get("site_domain") or None,
        proxy_url=os.environ.get("NSCL_CMS_PROXY") or DEFAULT_PROXY,
    )


def _unit_label(unit: Any) -> str:
    """`Hải Phòng`, or `Hải Phòng (cũ) — đến 30/06/2025` for a unit that no longer exists."""
    return unit.short_name if unit.until is None else f"{unit.short_name} — đến {format_date(unit.until)}"


def _github_repo(repo_url: str | None) -> str | None:
    """`owner/name` from `https://github.com/owner/name`, else None."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    return path if parts.hostname == "github.com" and re.fullmatch(r"[\w.-]+/[\w.-]+", path) else None


def _options(choices: tuple[Choice, ...]) -> list[dict[str, str]]:
    return [{"label": c.label, "value": c.value} for c in choices]


def _text(name: str, label: str, *, max_length: int | None = None, required: bool = True, widget: str = "string",
          hint: str | None = None, pattern: tuple[str, str] | None = None) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": label, "widget": widget}
    if not required:
        field["required"] = False
    if pattern:
        field["pattern"] = list(pattern)
    elif max_length:
        field["pattern"] = [rf"^[\s\S]{{1,{max_length}}}$", f"tối đa {max_length} ký tự"]
    if hint:
        field["hint"] = hint
    return field


def _date(name: str, label: str, *, required: bool = True, hint: str | None = None) -> dict[str, Any]:
    field = {"name": name, "label": label, **DATE}
    if not required:
        field["required"] = False
        field["default"] = ""
    if hint:
        field["hint"] = hint
    return field


def _select(name: str, label: str, choices: tuple[Choice, ...], *, multiple: bool = False, required: bool = True,
            hint: str | None = None) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": label, "widget": "select", "options": _options(choices)}
    if multiple:
        field["multiple"] = True
    if not required:
        field["required"] = False
    elif multiple:
        field["min"] = 1
    if hint:
        field["hint"] = hint
    return field


def _source(required: bool, *, scope: bool = False) -> dict[str, Any]:
    fields = [_text("name", "Tên nguồn", required=required),
              _text("url", "Địa chỉ web của nguồn", required=required, pattern=(URL, URL_HINT))]
    if scope:
        fields += [_text("title", "Tên bài hoặc văn bản nguồn", required=False),
                   {"name": "url_scope", "label": "Địa chỉ dẫn tới", "widget": "select", "required": False,
                    "options": [{"label": "đúng bài, văn bản (mặc định)", "value": "page"},
                                {"label": "trang chủ nơi đăng", "value": "website"}]}]
    field: dict[str, Any] = {"name": "source", "label": "Nguồn", "widget": "object", "collapsed": False,
                             "fields": fields}
    if not required:
        field["required"] = False
        field["hint"] = "Không bắt buộc; đã ghi nguồn thì cần cả tên và địa chỉ."
    return field


def article_fields(s: Sources) -> list[dict[str, Any]]:
    """The news form: every front-matter key the validation accepts except page-layout keys."""
    return [
        _text("title", "Tiêu đề", max_length=200),
        _date("date", "Ngày đăng", hint="Ngày ở tương lai: bài hẹn đăng, chỉ hiện từ ngày đó."),
        _date("updated", "Ngày cập nhật", required=False, hint="Không trước ngày đăng."),
        _text("summary", "Tóm tắt", max_length=400, widget="text", hint="Một đến hai câu, hiện ở danh sách tin."),
        _select("provinces", "Tỉnh, thành phố", s.units, multiple=True, required=False,
                hint="Văn bản trước 01/07/2025 chọn đơn vị cũ (có ghi “đến 30/06/2025”)."),
        _select("topics", "Chủ đề", s.topics, multiple=True),
        _source(False),
        {"name": "author", "label": "Tác giả", "label_singular": "tác giả", "widget": "list", "required": False},
        {"name": "cover", "label": "Ảnh bìa", "widget": "image", "required": False, "choose_url": False,
         "hint": "PNG, JPEG, GIF hoặc WebP."},
        _text("cover_alt", "Mô tả ảnh bìa", max_length=250, required=False,
              hint="Bắt buộc khi có ảnh: ảnh cho thấy gì, cho người không nhìn thấy ảnh."),
        _text("description", "Mô tả cho máy tìm kiếm", required=False, hint="Bỏ trống thì dùng tóm tắt."),
        _text("slug", "Địa chỉ bài (slug)", required=False, pattern=(SLUG, SLUG_HINT),
              hint="Bỏ trống thì lấy theo tên tệp. Đừng đổi sau khi đã đăng."),
        {"name": "draft", "label": "Bản nháp (chưa đăng)", "widget": "boolean", "default": False, "required": False},
        {"name": "body", "label": "Nội dung", "widget": "markdown", "required": False,
         "hint": "Mỗi ảnh cần lời mô tả."},
    ]


def video_fields(s: Sources) -> list[dict[str, Any]]:
    """One video of data/videos.yml: every key the catalogue validation accepts."""
    host = {"name": "host", "label": "Nơi đăng video", "widget": "object", "collapsed": False, "fields": [
        {"name": "type", "label": "Nơi đăng", "widget": "select", "default": "youtube",
         "options": [{"label": "YouTube", "value": "youtube"}, {"label": "Facebook", "value": "facebook"},
                     {"label": "Tệp video", "value": "file"}]},
        _text("id", "Mã video YouTube", required=False, pattern=(YOUTUBE_ID, "đúng 11 ký tự sau 'v=' trong địa chỉ"),
              hint="Với YouTube (bắt buộc): 11 ký tự sau “v=”, ví dụ M7lc1UVf-VE."),
        _text("url", "Địa chỉ video", required=False, pattern=(r"^https://\S+$", "một địa chỉ https://"),
              hint="Với Facebook, hoặc tệp trên máy chủ khai báo ở “Máy chủ tệp video”."),
        _text("path", "Tệp video trên trang", required=False, hint="Với tệp: đường dẫn trong content/."),
        {"name": "mime", "label": "Kiểu tệp", "widget": "select", "required": False,
         "options": ["video/mp4", "video/webm"]},
        {"name": "size", "label": "Kích thước tệp (byte)", "widget": "number", "value_type": "int", "min": 1,
         "required": False},
    ]}
    thumbnail = {"name": "thumbnail", "label": "Ảnh đại diện", "widget": "object", "required": False,
                 "collapsed": False, "hint": "Không bắt buộc; có ảnh thì cần lời mô tả.", "fields": [
                     {"name": "src", "label": "Ảnh", "widget": "image", "required": False, "choose_url": False,
                      "media_folder": f"/{MEDIA_FOLDER}", "public_folder": MEDIA_FOLDER.removeprefix("content/")},
                     _text("alt", "Mô tả ảnh", max_length=250, required=False)]}
    return [
        _text("id", "Mã video (địa chỉ /video/<mã>/)", pattern=(SLUG, SLUG_HINT),
              hint="Cố định, không đổi sau khi đăng."),
        _text("title", "Tiêu đề", max_length=200),
        _date("date", "Ngày đăng", hint="Ngày ở tương lai: video hẹn đăng."),
        _select("kind", "Loại video", s.kinds),
        _select("provinces", "Tỉnh, thành phố", s.units, multiple=True, required=False),
        _select("topics", "Chủ đề", s.topics, multiple=True, required=False),
        _text("description", "Giới thiệu", max_length=5000, widget="text"),
        _text("duration", "Thời lượng", pattern=(DURATION, "phút:giây, ví dụ 12:30 hoặc 1:02:03"),
              hint="phút:giây, ví dụ 12:30 hoặc 1:02:03"),
        host,
        thumbnail,
        _text("counts_toward", "Tính vào chỉ tiêu", required=False, pattern=(SLUG, SLUG_HINT),
              hint="Không bắt buộc: mã một chỉ tiêu có đếm video trong data/plans/."),
        {"name": "draft", "label": "Bản nháp (chưa đăng)", "widget": "boolean", "default": False, "required": False},
    ]


def progress_fields() -> list[dict[str, Any]]:
    """One `progress:` entry of a plan target."""
    return [
        _date("as_of", "Số liệu tính đến ngày"),
        {"name": "value", "label": "Giá trị lũy kế", "widget": "number", "value_type": "float", "min": 0,
         "hint": "Con số lũy kế đến ngày đó, cùng đơn vị đo với chỉ tiêu; không ghi dấu %."},
        _source(True, scope=True),
        _text("note", "Ghi chú", required=False),
    ]


def _plan_file(choice: Choice) -> dict[str, Any]:
    """A plan file in which the editor adds progress entries; documents and targets are shown, not edited."""
    fixed = {"allow_add": False, "allow_remove": False, "allow_reorder": False}
    targets = {"name": "targets", "label": "Chỉ tiêu", "label_singular": "chỉ tiêu", "widget": "list", **fixed,
               "summary": "{{fields.indicator}}", "fields": [
                   {"name": "id", "label": "Mã chỉ tiêu", "widget": "hidden"},
                   {"name": "indicator", "label": "Chỉ tiêu", "widget": "hidden"},
                   {"name": "progress", "label": "Số liệu tiến độ", "label_singular": "số liệu", "widget": "list",
                    "required": False, "add_to_top": False, "summary": "{{fields.as_of}}: {{fields.value}}",
                    "hint": "Thêm một mục cho mỗi lần có số mới; giữ các mục cũ. Chỉ tiêu có “count” "
                            "được đếm tự động: đừng thêm số liệu.",
                    "fields": progress_fields()}]}
    documents = {"name": "documents", "label": "Văn bản", "widget": "list", **fixed, "collapsed": False,
                 "summary": "{{fields.number}} {{fields.title}}", "fields": [
                     {"name": "id", "label": "Mã văn bản", "widget": "hidden"}, targets]}
    name = Path(choice.value).stem.lstrip("_")
    return {"name": name, "label": choice.label, "file": choice.value,
            "fields": [{"name": "unit", "label": "Đơn vị", "widget": "hidden", "required": False}, documents]}


def cms_config(s: Sources) -> dict[str, Any]:
    """Decap CMS's config.yml, as a mapping."""
    backend: dict[str, Any] = {"name": "github", "repo": s.repo or "OWNER/REPOSITORY", "branch": s.branch,
                               "commit_messages": {"create": "Biên tập: thêm {{collection}} “{{slug}}”",
                                                   "update": "Biên tập: sửa {{collection}} “{{slug}}”",
                                                   "delete": "Biên tập: xóa {{collection}} “{{slug}}”",
                                                   "uploadMedia": "Biên tập: tải ảnh {{path}}",
                                                   "deleteMedia": "Biên tập: xóa ảnh {{path}}"}}
    if s.auth_url:
        backend["base_url"] = s.auth_url
    if s.site_domain:
        backend["site_domain"] = s.site_domain
    if s.auth_scope:
        backend["auth_scope"] = s.auth_scope
    return {
        "locale": "vi",
        "backend": backend,
        # Used only when the page is opened on localhost/127.0.0.1 and decap-server answers there.
        "local_backend": {"url": s.proxy_url},
        "media_folder": MEDIA_FOLDER,
        # Relative to an article in content/tin-tuc/: MkDocs warns about absolute links in Markdown.
        "public_folder": "../" + MEDIA_FOLDER.removeprefix("content/"),
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            {"name": "tin-tuc", "label": "Tin tức", "label_singular": "bài tin", "folder": NEWS_FOLDER,
             "create": True, "extension": "md", "format": "yaml-frontmatter", "slug": "{{slug}}",
             # The date as written (dd/mm/yyyy or yyyy-mm-dd): Decap's `date` filter reads 02/12/2026 as 12 February.
             "identifier_field": "title", "summary": "{{title}} ({{date}})",
             "sortable_fields": ["title"],
             "description": "Bài tin trong content/tin-tuc/. Tên tệp là địa chỉ của bài: đừng đổi sau khi đăng.",
             "fields": article_fields(s)},
            {"name": "video", "label": "Video", "description": "Danh mục video (data/videos.yml).",
             "files": [{"name": "videos", "label": "Danh mục video", "file": VIDEOS_FILE, "fields": [
                 {"name": "file_hosts", "label": "Máy chủ tệp video", "label_singular": "máy chủ",
                  "widget": "list", "required": False,
                  "hint": "Tên máy chủ được phép chứa tệp video, ví dụ media.example.gov.vn."},
                 {"name": "videos", "label": "Video", "label_singular": "video", "widget": "list",
                  "required": False, "add_to_top": True,
                  "summary": "{{fields.title}} ({{fields.date}})",
                  "fields": video_fields(s)}]}]},
            {"name": "tien-do", "label": "Tiến độ kế hoạch", "editor": {"preview": False},
             "description": "Số liệu tiến độ của các chỉ tiêu (data/plans/).",
             "files": [_plan_file(p) for p in s.plans]},
        ],
    }


def offered_keys(fields: list[dict[str, Any]]) -> set[str]:
    """The top-level keys a form writes."""
    return {f["name"] for f in fields if f["name"] != "body"}


def to_yaml(config: dict[str, Any]) -> str:
    """The configuration as YAML, in a stable order (same input, same bytes)."""
    header = "# Tạo tự động khi dựng trang (hooks/_cms.py): đừng sửa tệp này.\n"
    # libyaml's emitter: the pure-Python one took 0.4 s for this file on every build and every preview save.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return header + yaml.dump(config, Dumper=dumper, allow_unicode=True, sort_keys=False, width=120,
                              default_flow_style=False)
