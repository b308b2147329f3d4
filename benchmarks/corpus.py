"""Deterministic synthetic corpus for the benchmark: N articles, N/5 videos, plans for every current unit.

Everything comes from a seeded random generator, so the same N gives the same bytes on every machine.
Also `report`, how every benchmark script prints its table and keeps its figures.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

WORDS = (
    "năng suất chất lượng doanh nghiệp sản phẩm hàng hóa tiêu chuẩn quy chuẩn kỹ thuật hệ thống quản lý "
    "truy xuất nguồn gốc mã số mã vạch đào tạo chuyên gia tư vấn cải tiến công cụ Kaizen Lean tinh gọn "
    "chuyển đổi số sản xuất thông minh dịch vụ hợp tác xã hộ kinh doanh tỉnh thành phố Ủy ban nhân dân "
    "Sở Khoa học và Công nghệ kế hoạch đề án mục tiêu giai đoạn triển khai hỗ trợ nâng cao nhận thức "
    "tuyên truyền phổ biến tập huấn hội thảo tọa đàm phóng sự chứng nhận đánh giá sự phù hợp ISO "
    "môi trường an toàn thực phẩm nông nghiệp hữu cơ chuỗi giá trị xuất khẩu thị trường cạnh tranh "
    "tăng trưởng kinh tế năng suất lao động nhân tố tổng hợp đổi mới sáng tạo khoa học công nghệ "
    "địa phương cộng đồng người dân cán bộ công chức kết quả thực hiện báo cáo đánh giá tiến độ "
    "Đồng Nai Đà Nẵng Hải Dương Hải Phòng Tuyên Quang Khánh Hòa An Giang OCOP giải thưởng quốc gia"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(9, 18))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> tuple[str, int]:
    out, count = [], 0
    while count < words:
        s = _sentence(rng)
        out.append(s)
        count += len(s.split())
    return " ".join(out), count


def _article(index: int, rng: random.Random, units: list[str], topics: list[str], start: dt.date) -> str:
    """One article of 600-900 words with headings, a list and a link to an earlier article."""
    title = f"Tin số {index}: " + " ".join(rng.choice(WORDS) for _ in range(6))
    day = start + dt.timedelta(days=index // 3)
    target, body, count = rng.randint(600, 900), [], 0
    while count < target:
        if body and rng.random() < 0.25:
            body.append(f"## {' '.join(rng.choice(WORDS) for _ in range(4)).capitalize()}")
        text, n = _paragraph(rng, rng.randint(60, 120))
        body.append(text)
        count += n
    body.insert(2, "\n".join(f"- {_sentence(rng)}" for _ in range(3)))
    if index > 0:
        body.append(f"Xem thêm [bài trước](bai-{index - 1:05d}.md).")
    front = {
        "title": title,
        "date": day.isoformat(),
        "summary": _sentence(rng),
        "provinces": sorted(rng.sample(units, rng.randint(1, 2))),
        "topics": sorted(rng.sample(topics, rng.randint(1, 3))),
        "source": {"name": "Nguồn thử nghiệm", "url": f"https://example.org/nguon/{index}"},
        "author": "Ban biên tập",
    }
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + "\n\n".join(body) + "\n"


def generate(n: int, dest: Path, *, seed: int = 2030) -> Path:
    """Write a full site for N articles into `dest` (replaced if present) and return it."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for part in ("mkdocs.yml", "hooks", "overrides"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dest / part)
    shutil.copytree(ROOT / "data", dest / "data", ignore=shutil.ignore_patterns("plans", "videos.yml"))
    shutil.copytree(ROOT / "content", dest / "content")  # the real articles too: the about page links to them
    rng = random.Random(seed)
    registry = yaml.safe_load((ROOT / "data/provinces.yml").read_text(encoding="utf-8"))
    current = sorted((u for u in registry["units"] if u["until"] is None), key=lambda u: u["slug"])
    all_units = sorted(u["slug"] for u in registry["units"])
    topics = sorted(t["slug"] for t in yaml.safe_load((ROOT / "data/topics.yml").read_text(encoding="utf-8"))["topics"])
    news = dest / "content" / "tin-tuc"
    news.mkdir(parents=True, exist_ok=True)
    start = dt.date(2021, 1, 1)
    for index in range(n):
        (news / f"bai-{index:05d}.md").write_text(_article(index, rng, all_units, topics, start), encoding="utf-8")
    _write_videos(dest, n // 5, rng, all_units, topics, start)
    _write_plans(dest, current, rng)
    return dest


def _write_videos(dest: Path, count: int, rng: random.Random, units: list[str], topics: list[str],
                  start: dt.date) -> None:
    """N/5 videos in the catalogue's format (see data/videos.yml), spread over every unit and kind."""
    catalogue = yaml.safe_load((ROOT / "data/video-kinds.yml").read_text(encoding="utf-8"))
    kinds = sorted(k["slug"] for k in catalogue["kinds"])
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
    videos = []
    for index in range(count):
        day = start + dt.timedelta(days=index * 5 // 3)
        videos.append({
            "id": f"video-{index:05d}",
            "title": f"Video số {index}: " + " ".join(rng.choice(WORDS) for _ in range(5)),
            "date": day.strftime("%d/%m/%Y"),
            "kind": rng.choice(kinds),
            "provinces": sorted(rng.sample(units, rng.randint(1, 2))),
            "topics": sorted(rng.sample(topics, rng.randint(1, 2))),
            "description": _sentence(rng) + " " + _sentence(rng),
            "duration": f"{rng.randint(1, 30)}:{rng.randint(0, 59):02d}",
            "host": {"type": "youtube", "id": "".join(rng.choice(alphabet) for _ in range(11))},
        })
    text = yaml.safe_dump({"file_hosts": [], "videos": videos}, allow_unicode=True, sort_keys=False)
    (dest / "data" / "videos.yml").write_text(text, encoding="utf-8")


def _write_plans(dest: Path, units: list[dict], rng: random.Random) -> None:
    """A 2026-2030 plan for every current unit: eight targets of every kind, progress reported on some."""
    plans = dest / "data" / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    for extra in sorted((ROOT / "data" / "plans").glob("_*.yml")):
        shutil.copy2(extra, plans / extra.name)
    source = {"name": "Nguồn thử nghiệm", "url": "https://example.org/ke-hoach"}
    for number, unit in enumerate(units, start=1):
        slug = unit["slug"]
        targets = [
            {"id": f"{slug}-phong-su", "indicator": "Phóng sự về năng suất chất lượng", "group": "tuyen-truyen",
             "comparator": "eq", "value": 10, "unit": "phong-su", "count": {"content": "videos", "kind": "phong-su"}},
            {"id": f"{slug}-video", "indicator": "Video tuyên truyền", "group": "tuyen-truyen", "comparator": "eq",
             "value": 20, "unit": "video", "count": {"content": "videos", "kind": "video-clip"}},
        ]
        for index in range(6):
            comparator = ("min", "range", "pct", "eq")[index % 4]
            target = {"id": f"{slug}-chi-tieu-{index}", "indicator": " ".join(rng.choice(WORDS) for _ in range(9)),
                      "group": ("dao-tao", "ho-tro-doanh-nghiep", "nang-luc")[index % 3], "comparator": comparator}
            if comparator == "range":
                target |= {"min": 100, "max": 150, "unit": "doanh-nghiep"}
            elif comparator == "pct":
                target |= {"value": 50, "unit": "phan-tram"}
            else:
                target |= {"value": rng.randint(10, 500), "unit": "doanh-nghiep"}
                if comparator == "min":
                    target["qualifier"] = "it-nhat"
            if index % 2 == 0:
                target["progress"] = [
                    {"as_of": f"31/12/{year}", "value": rng.randint(1, 40) * (year - 2025), "source": source}
                    for year in (2026, 2027)
                ]
            targets.append(target)
        plan = {"unit": slug, "documents": [{
            "id": "kh-2025", "kind": "ke-hoach", "number": f"{number}/KH-UBND", "date": "15/09/2025",
            "issuer": "Ủy ban nhân dân " + unit["name"][0].lower() + unit["name"][1:],
            "title": f"Kế hoạch năng suất chất lượng của {unit['name']}",
            "period": "2026-2030", "source": source, "targets": targets,
        }]}
        text = yaml.safe_dump(plan, allow_unicode=True, sort_keys=False)
        (plans / f"{slug}.yml").write_text(text, encoding="utf-8")


def report(name: str, lines: list[str], summary: dict) -> None:
    """Print a benchmark's table and write its figures to benchmarks/out/<name>.json."""
    print("\n".join(lines))  # noqa: T201
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))  # noqa: T201
