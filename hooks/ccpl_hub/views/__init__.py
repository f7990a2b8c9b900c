"""The views: one module per page family, each deciding what its pages show (``pages(view)`` returns
``{src_uri: markdown}``) and naming its templates. ``FAMILIES`` lists every family once; a new page
family is one module and one line here."""

from . import case_study, framework, hub, learning_report, principle, reference, role, taxonomy

FAMILIES = (case_study, principle, framework, role, learning_report, taxonomy, hub, reference)
