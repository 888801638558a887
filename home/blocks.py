"""StreamField blocks shared by the portal's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "home/blocks/heading.html"
        label = _("Heading")


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])
    tone = blocks.ChoiceBlock(
        label=_("Tone"),
        choices=[("info", _("Information")), ("warning", _("Warning")), ("help", _("Where to get help"))],
        default="info",
    )

    class Meta:
        icon = "warning"
        template = "home/blocks/callout.html"
        label = _("Callout")


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    steps = blocks.ListBlock(blocks.TextBlock(label=_("Step")), label=_("Steps"))

    class Meta:
        icon = "list-ol"
        template = "home/blocks/steps.html"
        label = _("Numbered steps")


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(label=_("Or a link"), required=False)

    class Meta:
        icon = "link"
        template = "home/blocks/link_card.html"
        label = _("Link card")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=["bold", "italic", "link", "ul", "ol", "h3"])
    callout = CalloutBlock()
    steps = StepsBlock()
    cards = blocks.ListBlock(LinkCardBlock(), label=_("Link cards"), template="home/blocks/cards.html")
