"""The block kit every Bina ASN block uses (ADR 0081).

``base`` (the services a block asks for), ``handlers`` (the one handler decorator and error shape),
``permissions`` (learner, course staff, author, jury, from the platform's services), ``i18n`` and
``messages`` (translations and JavaScript catalogs), ``listviews`` (the plugin API v1 list-view
base), ``ratelimit``, and ``compat``, the one seam to edx-platform.
"""
