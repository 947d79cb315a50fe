"""Serializers of the evaluation API: the selectors' data classes as JSON (also what
``companion evaluate --json`` prints). Rates carry k, n, the share and its Wilson 95% interval;
means carry n, mean, sd and the t interval; suppressed cells (under 5 people) carry nulls."""

from rest_framework import serializers


class FastSerializer(serializers.Serializer):
    """Serializes a data class by its declared fields' names, without DRF's per-field machinery
    (a national scorecard has thousands of rates); the fields stay declared for the schema."""

    def to_representation(self, instance):
        return {name: getattr(instance, name) for name in type(self)._declared_fields}


class RateSerializer(FastSerializer):
    k = serializers.IntegerField(help_text="People counted.")
    n = serializers.IntegerField(help_text="People in the group.")
    value = serializers.FloatField(allow_null=True, help_text="k / n; null when suppressed.")
    low = serializers.FloatField(allow_null=True, help_text="Wilson 95% interval, lower bound.")
    high = serializers.FloatField(allow_null=True, help_text="Wilson 95% interval, upper bound.")
    suppressed = serializers.BooleanField(help_text="True when n < 5.")


_RATE = RateSerializer()


class MeanSerializer(FastSerializer):
    n = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)
    sd = serializers.FloatField(allow_null=True)
    low = serializers.FloatField(allow_null=True, help_text="t-based 95% interval.")
    high = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class IkmValueSerializer(FastSerializer):
    period = serializers.CharField(help_text="2026-Q1 or 2026.")
    label = serializers.CharField()
    respondents = serializers.IntegerField()
    ikm = serializers.FloatField(allow_null=True, help_text="25-100, rounded half-up to 2 decimals.")
    grade = serializers.CharField(allow_blank=True)
    unsur = serializers.DictField(help_text='{"U1": [NRR, converted score, grade], ...}')
    population = serializers.IntegerField(allow_null=True)
    required = serializers.IntegerField(allow_null=True, help_text="Krejcie-Morgan minimum sample.")
    sample_met = serializers.BooleanField(allow_null=True)
    units_short = serializers.IntegerField()
    units_unknown = serializers.IntegerField()
    suppressed = serializers.BooleanField()

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["ikm"] = None if instance.ikm is None else float(instance.ikm)
        return data


_IKM = IkmValueSerializer()


class PillarSerializer(serializers.Serializer):
    pillar = serializers.CharField()
    name = serializers.CharField()
    pairs = serializers.IntegerField()
    pre = MeanSerializer()
    post = MeanSerializer()
    gain = MeanSerializer(help_text="Hake's normalised gain (post - pre) / (100 - pre).")
    at_max = serializers.IntegerField(help_text="Pairs whose pre-test was already 100.")


class OpdRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    asn = serializers.IntegerField()
    completed = RateSerializer()
    meets_target = RateSerializer()
    trained = RateSerializer()
    ikm = IkmValueSerializer(allow_null=True)

    def to_representation(self, row):
        rate, ikm = _RATE, _IKM
        return {
            "code": row.code,
            "name": row.name,
            "asn": row.asn,
            "completed": rate.to_representation(row.completed),
            "meets_target": rate.to_representation(row.meets_target),
            "trained": rate.to_representation(row.trained),
            "ikm": None if row.ikm is None else ikm.to_representation(row.ikm),
        }


class ScorecardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    weighting = serializers.CharField()
    opd_code = serializers.CharField(allow_null=True)
    opd_name = serializers.CharField(allow_null=True)
    asn_count = serializers.IntegerField()
    enrolled = RateSerializer()
    completed = RateSerializer()
    passed = RateSerializer()
    meets_target = RateSerializer(help_text="ASN with at least 20 JP in the year.")
    jp_mean = MeanSerializer()
    skills = PillarSerializer(many=True)
    ikm_latest = IkmValueSerializer(allow_null=True)
    ikm_year = IkmValueSerializer(allow_null=True)
    ikm_quarters = IkmValueSerializer(many=True)
    ideas_submitted = serializers.IntegerField()
    ideas_accepted = serializers.IntegerField()
    ideas_implemented = serializers.IntegerField()
    workshops = serializers.IntegerField()
    attendances = serializers.IntegerField()
    opds = OpdRowSerializer(many=True)
    computed_at = serializers.CharField(allow_null=True)


class QuarterShareSerializer(serializers.Serializer):
    period = serializers.CharField()
    trained = serializers.IntegerField()
    asn = serializers.IntegerField()
    newly_trained = serializers.IntegerField()
    share = serializers.FloatField(allow_null=True)


class UnitTimelineSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    quarters = IkmValueSerializer(many=True)


class UnsurBeforeAfterSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    before = serializers.FloatField(allow_null=True)
    after = serializers.FloatField(allow_null=True)
    n_before = serializers.IntegerField()
    n_after = serializers.IntegerField()


class BucketSerializer(serializers.Serializer):
    def to_representation(self, instance):
        key, label, count = instance
        return {"bucket": key, "label": label, "asn": count}


class ChannelSerializer(serializers.Serializer):
    def to_representation(self, instance):
        channel, label, jp, asn = instance
        return {"channel": channel, "label": label, "jp": jp, "asn": asn}


class OpdDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    weighting = serializers.CharField()
    threshold = serializers.FloatField()
    window = serializers.IntegerField()
    asn_count = serializers.IntegerField()
    enrolled = RateSerializer()
    completed = RateSerializer()
    passed = RateSerializer()
    meets_target = RateSerializer()
    jp_mean = MeanSerializer()
    jp_buckets = BucketSerializer(many=True)
    jp_channels = ChannelSerializer(many=True)
    skills = PillarSerializer(many=True)
    ikm_quarters = IkmValueSerializer(many=True)
    units = UnitTimelineSerializer(many=True)
    shares = QuarterShareSerializer(many=True)
    trained_from = serializers.CharField(allow_null=True)
    before_after = UnsurBeforeAfterSerializer(many=True)
    before_periods = serializers.ListField(child=serializers.CharField())
    after_periods = serializers.ListField(child=serializers.CharField())


class OpdListItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class UnitImpactSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    opd = serializers.CharField()
    opd_name = serializers.CharField()
    trained_from = serializers.CharField(allow_null=True, help_text="Quarter its OPD crossed the threshold.")
    ikm_before = serializers.FloatField(allow_null=True)
    ikm_after = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    ci95 = serializers.SerializerMethodField()
    n_before = serializers.IntegerField()
    n_after = serializers.IntegerField()
    sample_met = serializers.BooleanField(allow_null=True)
    control_change = serializers.FloatField(allow_null=True)
    did = serializers.FloatField(allow_null=True, help_text="This unit's change minus its controls' change.")
    unsur_change = serializers.DictField()
    short_window = serializers.BooleanField(
        help_text="A window runs past the first or last quarter with survey answers (cut at the data's edge)."
    )

    def get_ci95(self, unit) -> list[float] | None:
        if unit.change_low is None:
            return None
        return [unit.change_low, unit.change_high]

    def to_representation(self, unit):
        data = {name: getattr(unit, name) for name in type(self)._declared_fields if name != "ci95"}
        data["ci95"] = self.get_ci95(unit)
        return data


class ImpactSerializer(serializers.Serializer):
    estimate = serializers.FloatField(allow_null=True, help_text="Difference-in-differences, IKM points.")
    ci95 = serializers.ListField(
        child=serializers.FloatField(),
        allow_null=True,
        help_text="Wild cluster bootstrap (restricted, Webb weights), clustered where training is assigned; "
        "null with too few clusters (see interval.reason).",
    )
    level = serializers.CharField(help_text="unit: a unit's own staff trained; opd: its OPD's.")
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Codes: few_clusters, pretrend, pretrend_untested, short_window, sample_not_met, "
        "units_without_staff.",
    )
    interval = serializers.DictField(
        help_text="method, p_value (of no effect), se, reason (why no interval)."
    )
    clusters = serializers.DictField(help_text="level, treated, comparison, minimum for an interval.")
    pretrend = serializers.DictField(
        source="placebo",
        help_text="Placebo estimate one quarter before training: estimate, ci95, p_value, tested, rejected.",
    )
    randomization = serializers.DictField(
        allow_null=True, help_text="Training dates permuted across clusters: p_value, ci95, permutations."
    )
    minimum_detectable_effect = serializers.FloatField(
        source="mde", allow_null=True, help_text="IKM points; 80% power, 5% two-sided."
    )
    respondents = serializers.IntegerField(help_text="Respondents in the trained units' windows.")
    units_without_staff = serializers.IntegerField(
        help_text="Units left out at the unit level: the roster names none of their staff."
    )
    short_window_units = serializers.ListField(child=serializers.CharField())
    sample_not_met_units = serializers.ListField(child=serializers.CharField())
    treated_units = serializers.ListField(child=serializers.CharField())
    control_units = serializers.ListField(child=serializers.CharField())
    treated_count = serializers.IntegerField()
    control_count = serializers.IntegerField()
    event_study = serializers.ListField(source="event", child=serializers.DictField())
    dose_response = serializers.SerializerMethodField()
    unsur = serializers.ListField(child=serializers.DictField())
    label = serializers.SerializerMethodField()

    def get_dose_response(self, analysis) -> dict:
        return {"windows": analysis.dose_windows, "fit": analysis.dose_fit, "points": analysis.dose}

    def get_label(self, analysis) -> str:
        return "association, not proof of cause"


class ImpactAnalysisSerializer(serializers.Serializer):
    level = serializers.CharField()
    window = serializers.IntegerField()
    threshold = serializers.FloatField()
    weighting = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    quarters = serializers.ListField(child=serializers.CharField())
    opds = serializers.ListField(child=serializers.DictField())
    units = UnitImpactSerializer(many=True)
    impact = serializers.SerializerMethodField()

    def get_impact(self, analysis) -> dict:
        return ImpactSerializer(analysis).data


class LedgerOpdSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    asn = serializers.IntegerField()
    meets_target = RateSerializer()
    jp_mean = MeanSerializer()
    channels = serializers.DictField(child=serializers.IntegerField())


class LedgerRowSerializer(FastSerializer):
    nip = serializers.CharField()
    name = serializers.CharField()
    opd_code = serializers.CharField()
    opd_name = serializers.CharField()
    position = serializers.CharField()
    jp_total = serializers.IntegerField()
    jp_estimated = serializers.IntegerField(
        help_text="Of jp_total, JP of courses estimated from effort per week x weeks (not set by BKPSDM)."
    )
    channels = serializers.DictField(child=serializers.IntegerField())
    shortfall = serializers.IntegerField(help_text="JP still missing to reach 20.")


class LedgerSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    target = serializers.IntegerField()
    opds = LedgerOpdSerializer(many=True)
    rows = LedgerRowSerializer(many=True)
    total_rows = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    short_only = serializers.BooleanField()


class FunnelStepSerializer(serializers.Serializer):
    state = serializers.CharField()
    name = serializers.CharField()
    count = serializers.IntegerField()


class IdeaRowSerializer(serializers.Serializer):
    title = serializers.CharField()
    opd_code = serializers.CharField()
    opd_name = serializers.CharField()
    state = serializers.CharField()
    state_name = serializers.CharField()
    score_mean = serializers.FloatField(allow_null=True)
    score_stdev = serializers.FloatField(allow_null=True)
    score_count = serializers.IntegerField(allow_null=True)
    supports = serializers.IntegerField()
    is_digital = serializers.BooleanField()
    program = serializers.DictField(allow_null=True)


class PerOpdIdeasSerializer(serializers.Serializer):
    def to_representation(self, instance):
        code, name, submitted, accepted, implemented = instance
        return {
            "opd": code,
            "name": name,
            "submitted": submitted,
            "accepted": accepted,
            "implemented": implemented,
        }


class InnovationSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = serializers.IntegerField()
    digital = serializers.IntegerField()
    funnel = FunnelStepSerializer(many=True)
    side = FunnelStepSerializer(many=True)
    per_opd = PerOpdIdeasSerializer(many=True)
    top = IdeaRowSerializer(many=True)
    programs = IdeaRowSerializer(many=True)


class ReactionSerializer(serializers.Serializer):
    question = serializers.CharField()
    mean = MeanSerializer(help_text="Answers on 1-5.")


class PartnerRowSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField()
    sessions = serializers.IntegerField()
    registered = serializers.IntegerField()
    attended = serializers.IntegerField()
    attendance = RateSerializer(help_text="Attended of those due (attended + no-show).")
    jp_delivered = serializers.IntegerField()
    reactions = ReactionSerializer(many=True)
    overall = MeanSerializer()


class SessionRowSerializer(serializers.Serializer):
    title = serializers.CharField()
    partner = serializers.CharField()
    kind = serializers.CharField()
    starts_at = serializers.DateTimeField(allow_null=True)
    jp_credit = serializers.IntegerField()
    capacity = serializers.IntegerField(allow_null=True)
    registered = serializers.IntegerField()
    attended = serializers.IntegerField()
    no_show = serializers.IntegerField()
    attendance = RateSerializer()
    jp_delivered = serializers.IntegerField()
    reactions = serializers.IntegerField()


class PartnersSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    by_opd = serializers.BooleanField(help_text="Figures limited to the reader's OPD's ASN.")
    partners = PartnerRowSerializer(many=True)
    sessions = SessionRowSerializer(many=True)


class SampleRowSerializer(FastSerializer):
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    opd_code = serializers.CharField()
    period = serializers.CharField()
    respondents = serializers.IntegerField()
    population = serializers.IntegerField(allow_null=True)
    required = serializers.IntegerField(allow_null=True)
    met = serializers.BooleanField(allow_null=True)


class ExclusionSerializer(serializers.Serializer):
    def to_representation(self, instance):
        source, reason, text, count = instance
        return {"source": source, "reason": reason, "explanation": text, "count": count}


class CourseJpSerializer(FastSerializer):
    course_key = serializers.CharField()
    name = serializers.CharField()
    jp = serializers.IntegerField(allow_null=True)
    source = serializers.ChoiceField(
        ["set", "estimated", "missing"],
        help_text="set: by BKPSDM; estimated: effort per week x weeks from start to end; missing: no JP yet.",
    )
    effort = serializers.CharField(help_text="The LMS's effort text: hours per week.")
    minutes_per_week = serializers.IntegerField(allow_null=True)
    weeks = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField(
        help_text="Why there is no estimate: no_effort, self_paced, no_dates, too_long (empty otherwise)."
    )


class CoverageSerializer(serializers.Serializer):
    computed_at = serializers.CharField(allow_null=True)
    refresh_seconds = serializers.FloatField(allow_null=True)
    sources = serializers.DictField()
    asn_active = serializers.IntegerField()
    linked = RateSerializer(help_text="ASN in service linked to an LMS account.")
    samples = SampleRowSerializer(many=True)
    samples_total = serializers.IntegerField()
    samples_short = serializers.IntegerField()
    samples_unknown = serializers.IntegerField()
    exclusions = ExclusionSerializer(many=True)
    courses = CourseJpSerializer(many=True, help_text="Every course's JP and where they come from.")


class AssessmentFormSerializer(serializers.Serializer):
    course = serializers.CharField()
    block = serializers.CharField()
    mode = serializers.CharField()
    form = serializers.CharField()
    attempts = serializers.IntegerField(help_text="Learners' first attempts on this form.")
    reliability = serializers.FloatField(allow_null=True, help_text="KR-20 (0/1 items) or Cronbach's alpha.")
    reliability_kind = serializers.CharField()
    sem = serializers.FloatField(
        allow_null=True, help_text="Standard error of measurement, points of the total."
    )
    mean = serializers.FloatField(allow_null=True)
    sd = serializers.FloatField(allow_null=True)
    item_count = serializers.IntegerField()
    flagged = serializers.IntegerField()
    items_withheld = serializers.BooleanField(help_text="Fewer than 5 learners: the LMS keeps the items.")


class AssessmentItemSerializer(serializers.Serializer):
    course = serializers.CharField()
    block = serializers.CharField()
    form = serializers.CharField()
    item = serializers.CharField()
    pillar = serializers.CharField()
    competence = serializers.CharField(allow_blank=True)
    level = serializers.IntegerField(allow_null=True)
    stem = serializers.CharField()
    answered = serializers.IntegerField()
    p = serializers.FloatField(allow_null=True, help_text="Difficulty: share right (0-1).")
    r = serializers.FloatField(allow_null=True, help_text="Corrected point-biserial.")
    d = serializers.FloatField(allow_null=True, help_text="Upper-lower index (27%).")
    key = serializers.CharField()
    shares = serializers.CharField(help_text="Share of learners per option; * marks the key.")
    flags = serializers.ListField(child=serializers.CharField())


class AssessmentGainSerializer(serializers.Serializer):
    course = serializers.CharField()
    pairing_key = serializers.CharField()
    part = serializers.CharField(help_text="overall, or a pillar code")
    pairs = serializers.IntegerField()
    pre = serializers.FloatField(allow_null=True)
    post = serializers.FloatField(allow_null=True)
    gain = serializers.FloatField(allow_null=True)
    g = MeanSerializer(help_text="Hake's normalised gain from the cohort means, 95% bootstrap interval.")
    form_difference = serializers.FloatField(allow_null=True)
    first_a = serializers.IntegerField()
    first_b = serializers.IntegerField()


class ItemAnalysisSerializer(serializers.Serializer):
    courses = serializers.IntegerField()
    fetched = serializers.DateTimeField(allow_null=True)
    forms = AssessmentFormSerializer(many=True)
    items = AssessmentItemSerializer(many=True)
    gains = AssessmentGainSerializer(many=True)
