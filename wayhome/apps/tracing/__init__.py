"""Family tracing (issue 4, part 5): family reports, matching, review and disclosure.

What each side may learn, decided here and enforced in services.py and the policy:

- **The tracer** (origin-country tracing service) sees its own organisation's reports in
  full, and for each candidate only what is needed to judge the match: the registered
  name as written (the form that matched), which spellings and phonetic keys agreed, the
  level of each comparison (name, sex, birth, nationality) with the family's own values
  where they agree, the match probability and band, and the country of the registering
  organisation. Never the case number, the registering organisation, the person's
  contact, date of birth as registered, narrative, or any case page (the policy denies
  every case action to tracers). Candidates disappear as soon as the person withdraws
  consent to tracing.
- **After confirmation**, the tracer learns only the outcome (:func:`services.tracer_outcome`):
  * pending: nothing may be told to the family yet;
  * the adult agrees (consent record "family" granted): "the person agrees that the
    family is told", the contact route the person chose, and where they are only if the
    person agreed to share it;
  * the adult refuses: "the person was found and asked; they do not wish the family to
    be told". The family may be told only that the tracing request is closed and that no
    contact can be arranged through this service: not that the person was found, is
    alive, or where. An adult decides, and the harm model includes traffickers and
    debt collectors posing as family (privacy.md);
  * a child: the case team's best-interests determination (reasons and the child's
    views recorded, as in the returns app) decides instead of the child's consent alone;
    the tracer reads the outcome, never the reasons;
  * withdrawn before any answer (the report was closed, or the family withdrew its
    consent): the family is told nothing. A request withdrawn when the report was closed
    may be asked again once the report is re-opened (:func:`services.ask_again`).
- **The case team** holding the case sees who is looking (the reporter's name and
  relation, the tracing organisation and date, the name as the family wrote it) so the
  person can make an informed choice; never the family's contact details.
"""
