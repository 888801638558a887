"""StreamField blocks of the knowledge base: the home page's blocks plus checklists and FAQs."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from home.blocks import CalloutBlock, HeadingBlock, StepsBlock


class ChecklistBlock(blocks.StructBlock):
    """A list of papers to keep or bring; each item marked required or only recommended."""

    title = blocks.CharBlock(label=_("Title"))
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("text", blocks.CharBlock(label=_("Document"))),
                ("required", blocks.BooleanBlock(label=_("Required"), required=False)),
            ],
            label=_("Item"),
        ),
        label=_("Items"),
    )

    class Meta:
        icon = "tasks"
        template = "knowledge/blocks/checklist.html"
        label = _("Document checklist")


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False)
    questions = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock(label=_("Question"))),
                ("answer", blocks.TextBlock(label=_("Answer"))),
            ],
            label=_("Question and answer"),
        ),
        label=_("Questions"),
    )

    class Meta:
        icon = "help"
        template = "knowledge/blocks/faq.html"
        label = _("Questions and answers")


class PhoneListBlock(blocks.StructBlock):
    """Phone numbers to call: each one a big tel: link, with what it is for and whether it is free."""

    title = blocks.CharBlock(label=_("Title"))
    numbers = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("number", blocks.CharBlock(label=_("Number"), help_text=_("As it is dialled, e.g. 999 or +8809654333333."))),
                ("label", blocks.CharBlock(label=_("What it is for"))),
                ("free", blocks.BooleanBlock(label=_("Free call"), required=False)),
            ],
            label=_("Phone number"),
        ),
        label=_("Numbers"),
    )

    class Meta:
        icon = "mobile-alt"
        template = "knowledge/blocks/phone_list.html"
        label = _("Phone numbers")


class GuideStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.TextBlock(label=_("Text"), template="knowledge/blocks/text.html")
    paragraph = blocks.RichTextBlock(label=_("Rich text"), features=["bold", "italic", "link", "ul", "ol"])
    callout = CalloutBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()
    faq = FaqBlock()
    phones = PhoneListBlock()
