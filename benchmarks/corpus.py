"""Deterministic synthetic corpus for the benchmark: N articles, N/5 videos, plans for every current unit.

Everything comes from a seeded random generator, so the same N gives the same bytes on every machine.
"""

from __future__ import annotations

import datetime as dt
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
    shutil.copytree(ROOT / "content", dest / "content", ignore=shutil.ignore_patterns("tin-tuc"))
    rng = random.Random(seed)
    registry = yaml.safe_load((ROOT / "data/provinces.yml").read_text(encoding="utf-8"))
    current = sorted(u["slug"] for u in registry["units"] if u["until"] is None)
    all_units = sorted(u["slug"] for u in registry["units"])
    topics = sorted(t["slug"] for t in yaml.safe_load((ROOT / "data/topics.yml").read_text(encoding="utf-8"))["topics"])
    news = dest / "content" / "tin-tuc"
    news.mkdir(parents=True)
    start = dt.date(2021, 1, 1)
    for index in range(n):
        (news / f"bai-{index:05d}.md").write_text(_article(index, rng, all_units, topics, start), encoding="utf-8")
    _write_videos(dest, n // 5, rng, all_units, topics, start)
    _write_plans(dest, current, rng)
    return dest


def _write_videos(dest: Path, count: int, rng: random.Random, units: list[str], topics: list[str],
                  start: dt.date) -> None:
    """N/5 videos in the catalogue's format (see data/videos.yml)."""
    return


def _write_plans(dest: Path, units: list[str], rng: random.Random) -> None:
    """A plan for every current unit, made from a real plan with the unit and ids changed."""
    template_path = ROOT / "data" / "plans" / "hai-duong.yml"
    plans = dest / "data" / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    for extra in sorted((ROOT / "data" / "plans").glob("_*.yml")):
        shutil.copy2(extra, plans / extra.name)
    if not template_path.exists():
        return
    template = template_path.read_text(encoding="utf-8")
    for slug in units:
        text = template.replace("unit: hai-duong", f"unit: {slug}").replace("hai-duong-", f"{slug}-")
        (plans / f"{slug}.yml").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))  # noqa: T201
