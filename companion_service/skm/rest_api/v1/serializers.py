"""Serializers of the SKM API: the ``data.UnitIkm`` data class as JSON."""

from rest_framework import serializers


class UnsurScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    answered = serializers.IntegerField()
    nrr = serializers.FloatField(allow_null=True, help_text="Unrounded NRR (1-4).")
    nrr_display = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    converted_display = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    grade = serializers.CharField(allow_null=True)


class MinimumSampleSerializer(serializers.Serializer):
    population = serializers.IntegerField(allow_null=True)
    required = serializers.IntegerField(allow_null=True)
    met = serializers.BooleanField(allow_null=True)
    population_source = serializers.CharField(allow_null=True)


class UnitIkmSerializer(serializers.Serializer):
    unit_code = serializers.CharField()
    unit_name = serializers.CharField()
    opd_code = serializers.CharField()
    period = serializers.CharField(help_text="2025-Q1, 2025-S1 or 2025.")
    period_kind = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    weighting = serializers.CharField(help_text="regulation (0.111) or exact (1/9).")
    respondents = serializers.IntegerField()
    ikm = serializers.DecimalField(
        max_digits=6, decimal_places=2, allow_null=True, help_text="Rounded, graded."
    )
    ikm_unrounded = serializers.FloatField(allow_null=True)
    grade = serializers.CharField(allow_null=True)
    grade_label = serializers.CharField(allow_null=True)
    minimum_sample = MinimumSampleSerializer()
    unsur = UnsurScoreSerializer(many=True)
