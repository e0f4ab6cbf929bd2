"""The pure domain: the bank's model, scoring, advice, checks, the adaptive quiz, prerequisites,
the learning plan and its timeline, report comparison and the quiz state. Standard library only:
no files, no SQLite, no Textual."""
