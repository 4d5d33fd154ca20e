"""Ground: the facts every layer stands on, read from packaged data.

Holds the errors that name what was wrong, the bounded reader for user files and for the
package's own data (``datafiles.read_packaged``; its YAML half, ``bounded_yaml``, is imported
only when YAML is read), the small data-file refusals (``checks``), nodal staging (AJCC 8th
edition), the evidence registry, and the vocabulary: the words for every code a plan or a
patient carries (``vocabulary``) and, in ``words/``, the readers of the vocabulary file's other
sections (the patient's words and grammar, plan text, questions, the explorer, the comparison,
the static page, the trial figures).

May import: the standard library, PyYAML and other ground modules. Never the pathway,
a view, the exercises, the command line, or a plotting or widget library.
"""
