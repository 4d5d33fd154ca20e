"""Words: the readers of ``micromets/data/vocabulary.yaml``'s sections beyond the codes.

Each module reads one section and refuses a malformed one whole, naming the file and the key,
so a translation or an instructor's wording is a data change and never a code change:
``patient`` (input labels, help, value words, form groups) with ``grammar`` (articles, number
words, separators for patient prose), ``plan`` (the joins and fixed words around a plan),
``questions`` (question titles, prompts, feedback, the quiz's and the class report's own
words), ``explorer``, ``compare`` (the ruleset comparison), ``site`` (the static page) and
``figures`` (a trial figure's words and text equivalent, a registry number in text, the class
report's charts in words). ``phrases`` holds what the sections share: a section of phrases
checked in one go, and a phrase filled in as HTML.

May import: the standard library and the rest of ground. Never the pathway, a view, the
exercises, the command line, or a plotting or widget library.
"""
