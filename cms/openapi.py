"""Small builders for the project's OpenAPI document (the directory and site search APIs share them)."""


def json_content(description, schema_name):
    """A response whose JSON body is ``#/components/schemas/<schema_name>``."""
    schema = {"$ref": f"#/components/schemas/{schema_name}"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def query_parameter(name, schema, description, allow_empty=True, **extra):
    """An optional query parameter; arrays are sent as repeated ``name=value`` pairs.

    ``allow_empty``: an empty value (``?sort=``, as an HTML form sends it) means "not given".
    """
    return {
        "name": name,
        "in": "query",
        "required": False,
        "allowEmptyValue": allow_empty,
        "schema": schema,
        "description": description,
        **extra,
        **({"style": "form", "explode": True} if schema.get("type") == "array" else {}),
    }
