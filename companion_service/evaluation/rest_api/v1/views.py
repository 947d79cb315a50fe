"""Views of the evaluation API: thin (read the filters, call the selector, serialize, audit)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from companion_service.accounts.api import AuditAction, parameters_of, record, scope_for

from ... import selectors
from . import serializers
from .permissions import ReadsPartners, ReadsTraining

YEAR = OpenApiParameter("year", int, description="Year (default: this year, or the newest with figures).")
WEIGHTING = OpenApiParameter(
    "weighting", str, enum=["regulation", "exact"], description="Unsur weight 0.111 or 1/9."
)
WINDOW = OpenApiParameter("window", int, description="Quarters before and after the crossing (1-4).")
LEVEL = OpenApiParameter(
    "level",
    str,
    enum=["unit", "opd"],
    description="Where training is assigned: unit (a service unit's own staff; default) or opd.",
)
THRESHOLD = OpenApiParameter("threshold", str, description="Share of an OPD's ASN trained: 0.5, 50 or 50%.")


class EvaluationView(APIView):
    """Resolves the reader's scope once and writes the audit event of every call."""

    resource = ""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.scope = scope_for(request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.user.is_authenticated:
            record(
                request.user,
                action=AuditAction.API,
                resource=f"api:{self.resource}",
                scope=getattr(self, "scope", None),
                file_format="json",
                parameters=parameters_of(request.query_params),
                status=response.status_code,
            )
        return response

    def filters(self):
        query = self.request.query_params
        return {
            "year": query.get("year"),
            "weighting": selectors.choose_weighting(query.get("weighting")),
            "window": selectors.choose_window(query.get("window")),
            "threshold": selectors.choose_threshold(query.get("threshold")),
        }


class ScorecardView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "scorecard"

    @extend_schema(parameters=[YEAR, WEIGHTING], responses=serializers.ScorecardSerializer)
    def get(self, request):
        f = self.filters()
        return Response(
            serializers.ScorecardSerializer(selectors.scorecard(self.scope, f["year"], f["weighting"])).data
        )


class OpdListView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "opds"

    @extend_schema(responses=serializers.OpdListItemSerializer(many=True))
    def get(self, request):
        return Response(
            serializers.OpdListItemSerializer(selectors.readable_opds(self.scope), many=True).data
        )


class OpdDetailView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "opd"

    @extend_schema(parameters=[YEAR, WEIGHTING, WINDOW, THRESHOLD], responses=serializers.OpdDetailSerializer)
    def get(self, request, code):
        f = self.filters()
        try:
            detail = selectors.opd_detail(
                self.scope, code, f["year"], f["weighting"], f["threshold"], f["window"]
            )
        except selectors.NotAllowed as exc:
            raise Http404 from exc
        return Response(serializers.OpdDetailSerializer(detail).data)


class ImpactView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "impact"

    @extend_schema(
        parameters=[
            WINDOW,
            THRESHOLD,
            WEIGHTING,
            LEVEL,
            OpenApiParameter("year", int, description="Use quarters up to this year."),
        ],
        responses=serializers.ImpactAnalysisSerializer,
        description="Association, not proof of cause.",
    )
    def get(self, request):
        f = self.filters()
        year = request.query_params.get("year")
        year = int(year) if year and year.isdigit() else None
        level = selectors.choose_level(request.query_params.get("level"))
        analysis = selectors.impact(self.scope, f["window"], f["threshold"], f["weighting"], year, level)
        return Response(serializers.ImpactAnalysisSerializer(analysis).data)


class LedgerView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "jp-ledger"

    @extend_schema(
        parameters=[
            YEAR,
            OpenApiParameter("opd", str, description="Only this OPD (its code)."),
            OpenApiParameter("short", bool, description="Only ASN below 20 JP."),
            OpenApiParameter("page", int, description="Page of 50 ASN."),
        ],
        responses=serializers.LedgerSerializer,
    )
    def get(self, request):
        query = request.query_params
        try:
            result = selectors.ledger(
                self.scope,
                query.get("year"),
                opd_code=query.get("opd") or None,
                short_only=query.get("short") in ("1", "true", "yes"),
                page=query.get("page", 1),
            )
        except selectors.NotAllowed as exc:
            raise Http404 from exc
        return Response(serializers.LedgerSerializer(result).data)


class InnovationView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "innovation"

    @extend_schema(parameters=[YEAR], responses=serializers.InnovationSerializer)
    def get(self, request):
        return Response(
            serializers.InnovationSerializer(
                selectors.innovation(self.scope, request.query_params.get("year"))
            ).data
        )


class PartnersView(EvaluationView):
    permission_classes = [ReadsPartners]
    resource = "partners"

    @extend_schema(parameters=[YEAR], responses=serializers.PartnersSerializer)
    def get(self, request):
        return Response(
            serializers.PartnersSerializer(
                selectors.partners(self.scope, request.query_params.get("year"))
            ).data
        )


class CoverageView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "coverage"

    @extend_schema(responses=serializers.CoverageSerializer)
    def get(self, request):
        return Response(serializers.CoverageSerializer(selectors.coverage(self.scope)).data)


class ItemAnalysisView(EvaluationView):
    permission_classes = [ReadsTraining]
    resource = "assessment-items"

    @extend_schema(responses=serializers.ItemAnalysisSerializer)
    def get(self, request):
        return Response(serializers.ItemAnalysisSerializer(selectors.item_analysis(self.scope)).data)
