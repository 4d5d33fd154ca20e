"""Exercises for instructors: case files, random cases, quizzes, student and solution notebooks."""
