"""Serializers of the organisation resources."""

from rest_framework import serializers

from thidua.org.models import Membership, Person, Unit


class UnitSerializer(serializers.ModelSerializer):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "category", "parent", "path", "active_from",
                  "active_to"]


class MembershipSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Membership
        fields = ["unit", "position", "start", "end"]


class PersonSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "code", "full_name", "gender", "birth_date", "position", "unit",
                  "memberships"]
