"""Exercises: chapter self-checks for learners; case files, random cases, quizzes, student and
solution notebooks, nbgrader export and grading for instructors.

May import: ground, pathway and views. Never the command line (``exercises.cli`` is the
``exercise`` sub-command's own parser, called by it).
"""
