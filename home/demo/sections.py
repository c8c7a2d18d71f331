"""The demo's section index pages (clips, blog, research), shared by the apps' demo loaders."""


def ensure_section_index(model, dutch_home, texts: dict[str, tuple[str, str]]):
    """The Dutch index of `model` under the home page, made and published when missing.

    `texts` maps "title", "slug" and "intro" to (Dutch, English) pairs. Returns
    (index, created); the index shows in the header menu.
    """
    index = model.objects.child_of(dutch_home).first()
    if index is not None:
        return index, False
    index = model(
        title=texts["title"][0],
        slug=texts["slug"][0],
        intro=texts["intro"][0],
        show_in_menus=True,
    )
    dutch_home.add_child(instance=index)
    index.save_revision().publish()
    return index, True
