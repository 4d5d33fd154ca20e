"""Ground: the facts every layer stands on, read from packaged data.

Holds the errors that name what was wrong, the bounded reader for user files and for the
package's own data (``datafiles.read_packaged``; its YAML half, ``bounded_yaml``, is imported
only when YAML is read), the small data-file refusals, nodal staging
(AJCC 8th edition), the evidence registry, the vocabulary of words a learner reads and the
patient's words (``patient_words``: input labels, help, value words, form groups; ``grammar``:
the articles, number words and separators patient prose follows), how plan text is put
together (``plan_words``: the joins and fixed words around a plan's words), the words of the
questions (``question_words``: titles, prompts, feedback phrases, the quiz's own words and their
joins), the explorer's own words (``explorer_words``), the ruleset comparison's
(``compare_words``), the static page's (``site_words``) and a trial figure's text equivalent
(``figure_words``); ``phrases`` holds what those sections
share (a section of phrases checked in one go, a phrase filled in as HTML).

May import: the standard library, PyYAML and other ground modules. Never the pathway,
a view, the exercises, the command line, or a plotting or widget library.
"""
