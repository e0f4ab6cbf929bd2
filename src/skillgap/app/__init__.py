"""What both front ends do with the store: settings, the assessment around a quiz, and report
services (a report's timeline, atomic writes, reading report files)."""
