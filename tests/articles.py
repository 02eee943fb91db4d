"""Two short news articles, one in English and one in Arabic, for the tests that run the
pipeline on a mixed folder (the Arabic one is detected as `ar` by the clean stage)."""

from __future__ import annotations

from pathlib import Path

ENGLISH = """\
Rocket attack targets Baghdad airport

Three Katyusha rockets struck near Baghdad International Airport on Sunday evening, an \
Iraqi security source said.

The source said the rockets wounded two members of the airport's security staff and \
damaged a vehicle parked near the cargo terminal.

Iraqi security forces later found the launch pad in the Radwaniya area, west of the \
capital, and opened an investigation. No group has claimed responsibility for the attack.
"""

ARABIC = """\
سقوط صواريخ على المنطقة الخضراء في بغداد

أفاد مصدر أمني عراقي، مساء الأحد، بسقوط ثلاثة صواريخ من نوع كاتيوشا قرب السفارة \
الأمريكية في المنطقة الخضراء وسط العاصمة بغداد.

وقال المصدر إن منظومة الدفاع الجوي تصدت لأحد الصواريخ، فيما سقط صاروخان في منطقة مفتوحة \
دون أن يسفر الهجوم عن خسائر بشرية.

وأضاف أن القوات الأمنية عثرت على منصة الإطلاق في منطقة الدورة جنوبي بغداد، وفتحت تحقيقا \
لمعرفة الجهة التي تقف وراء الهجوم.

ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، فيما أدانت الحكومة العراقية استهداف البعثات \
الدبلوماسية.
"""


def write_mixed_folder(folder: Path) -> Path:
    """folder/en.txt and folder/ar.txt; returns folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "ar.txt").write_text(ARABIC, encoding="utf-8")
    return folder
