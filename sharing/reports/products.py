"""Accused product categories: a fixed list, so that members filter on the same words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductCategory(models.TextChoices):
    PHONES = "phones", _("Phones and accessories")
    COMPUTERS = "computers", _("Computers and peripherals")
    ELECTRONICS = "electronics", _("Consumer electronics")
    LIGHTING = "lighting", _("Lighting")
    HOME = "home", _("Home and kitchen")
    FURNITURE = "furniture", _("Furniture")
    TOOLS = "tools", _("Tools and hardware")
    AUTO = "auto", _("Automotive parts")
    TOYS = "toys", _("Toys and games")
    APPAREL = "apparel", _("Apparel, shoes and bags")
    BEAUTY = "beauty", _("Beauty and personal care")
    SPORTS = "sports", _("Sports and outdoors")
    MEDICAL = "medical", _("Medical devices")
    PETS = "pets", _("Pet supplies")
    INDUSTRIAL = "industrial", _("Industrial machinery")
    ENERGY = "energy", _("Batteries, solar and energy")
    OTHER = "other", _("Other")
