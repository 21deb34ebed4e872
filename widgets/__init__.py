"""Interactive parts of the muscle-twitching course.

    from widgets import Quiz, TriggerChecklist, SymptomChecker
    Quiz("sleep")

Each widget is an anywidget: it works in the static book (no kernel) and with a live kernel.
"""

from .caffeine_timeline import CaffeineTimeline
from .course_files import CourseDataError
from .intro import chapter_intro
from .quiz import Quiz
from .symptom_checker import SymptomChecker
from .trigger_checklist import TriggerChecklist
from .twitch_diary import TwitchDiary
from .visit_summary import VisitSummary

__all__ = [
    "CaffeineTimeline",
    "CourseDataError",
    "Quiz",
    "SymptomChecker",
    "TriggerChecklist",
    "TwitchDiary",
    "VisitSummary",
    "chapter_intro",
]
