//! `GET /openapi.json`: the OpenAPI 3.1 description of every route.

use axum::Json;
use serde_json::{Value, json};

/// The OpenAPI document.
pub fn document() -> Value {
    let error = json!({ "$ref": "#/components/schemas/Error" });
    let err = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": error } } });
    let retry =
        json!({ "Retry-After": { "schema": { "type": "integer" }, "description": "seconds" } });
    let week_param = |name: &str, d: &str| {
        json!({
            "name": name, "in": "query", "required": false, "description": d,
            "schema": { "type": "string", "pattern": "^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$" }
        })
    };
    let filters = json!([
        { "name": "partner", "in": "query", "required": false,
          "description": "one partner id; all partners when absent", "schema": { "type": "string" } },
        week_param("from", "first ISO week included, e.g. 2026-W01"),
        week_param("to", "last ISO week included, e.g. 2026-W52"),
        { "name": "survey", "in": "query", "required": false,
          "description": "survey version; default the current built-in default survey (default@2); also partner@1, default@1, precheck@1",
          "schema": { "type": "string" } }
    ]);
    let mut trend_params = filters.clone();
    if let Some(list) = trend_params.as_array_mut() {
        list.push(json!({ "name": "field", "in": "query", "required": true,
            "description": "record field name, e.g. needFinancing", "schema": { "type": "string" } }));
        list.push(json!({ "name": "value", "in": "query", "required": true,
            "description": "one value of the field, e.g. yes", "schema": { "type": "string" } }));
        list.push(json!({ "name": "by", "in": "query", "required": false,
            "description": "total (default), partner, survey, or field (several comma-separated fields sharing the value, one line each)",
            "schema": { "enum": ["total", "partner", "survey", "field"] } }));
        list.push(json!({ "name": "lang", "in": "query", "required": false,
            "description": "labels: zh-Hans (default), zh-Hant, en",
            "schema": { "enum": ["zh-Hans", "zh-Hant", "en"] } }));
    }
    let static_get = |d: &str, ct: &str| {
        json!({ "get": {
            "summary": d, "security": [],
            "responses": { "200": { "description": d, "content": { ct: {} } }, "404": { "description": "no such file" } }
        }})
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "SME PreCheck feedback server",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Receives anonymized, randomized feedback records (aggregate counters only: no IP, no user agent, nothing finer than the ISO week), and serves staff statistics, the staff dashboard and the demo pages."
        },
        "servers": [{ "url": "http://127.0.0.1:8080" }],
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": {
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": { "error": { "type": "object", "required": ["code", "message"],
                        "properties": { "code": { "type": "string" }, "message": { "type": "string" } } } }
                },
                "FeedbackRecord": {
                    "type": "object", "additionalProperties": false,
                    "required": ["v", "id", "week", "partner", "survey", "fields"],
                    "description": "See docs/ for the full JSON Schema; every schema field present exactly once.",
                    "properties": {
                        "v": { "const": 1 },
                        "id": { "type": "string", "format": "uuid" },
                        "week": { "type": "string", "pattern": "^[0-9]{4}-W[0-9]{2}$" },
                        "partner": { "type": "string" },
                        "survey": { "type": "string", "examples": ["default@2", "partner@1"] },
                        "fields": { "type": "object", "additionalProperties": { "type": "string" } }
                    }
                },
                "Accepted": {
                    "type": "object", "required": ["id", "status"],
                    "properties": { "id": { "type": "string" },
                        "status": { "enum": ["stored", "duplicate"] } }
                },
                "Estimate": {
                    "type": "object",
                    "properties": {
                        "count": { "type": ["integer", "null"] },
                        "share": { "type": ["number", "null"] },
                        "low": { "type": ["number", "null"] },
                        "high": { "type": ["number", "null"] }
                    }
                },
                "Trends": {
                    "type": "object",
                    "properties": {
                        "survey": { "type": "string" }, "field": { "type": "string" }, "value": { "type": "string" },
                        "fieldLabel": { "type": "string" }, "valueLabel": { "type": "string" },
                        "by": { "enum": ["total", "partner", "survey", "field"] }, "minCount": { "type": "integer" },
                        "weeks": { "type": "array", "items": { "type": "string" } },
                        "series": { "type": "array", "items": { "type": "object", "properties": {
                            "key": { "type": "string" }, "label": { "type": "string" },
                            "survey": { "type": "string" }, "partner": { "type": ["string", "null"] },
                            "points": { "type": "array", "items": { "allOf": [
                                { "$ref": "#/components/schemas/Estimate" },
                                { "type": "object", "properties": {
                                    "week": { "type": "string" }, "n": { "type": "integer" },
                                    "suppressed": { "type": "boolean" } } } ] } } } } }
                    }
                },
                "Stats": {
                    "type": "object",
                    "properties": {
                        "survey": { "type": "string" }, "partner": { "type": ["string", "null"] },
                        "from": { "type": ["string", "null"] }, "to": { "type": ["string", "null"] },
                        "minCount": { "type": "integer" }, "records": { "type": "integer" },
                        "partners": { "type": "array", "items": { "type": "string" } },
                        "weeks": { "type": "array", "items": { "type": "string" } },
                        "fields": { "type": "array", "items": { "type": "object", "properties": {
                            "field": { "type": "string" }, "epsilon": { "type": "number" },
                            "n": { "type": "integer" }, "suppressed": { "type": "boolean" },
                            "values": { "type": "array", "items": { "allOf": [
                                { "$ref": "#/components/schemas/Estimate" },
                                { "type": "object", "properties": { "value": { "type": "string" } } } ] } } } } },
                        "crossTabs": { "type": "array", "items": { "type": "object", "properties": {
                            "fieldA": { "type": "string" }, "fieldB": { "type": "string" },
                            "n": { "type": "integer" }, "suppressed": { "type": "boolean" },
                            "cells": { "type": "array", "items": { "allOf": [
                                { "$ref": "#/components/schemas/Estimate" },
                                { "type": "object", "properties": {
                                    "valueA": { "type": "string" }, "valueB": { "type": "string" } } } ] } } } } }
                    }
                }
            }
        },
        "paths": {
            "/v1/feedback": {
                "post": {
                    "summary": "Submit one anonymized record; 202 only after it is committed",
                    "description": "application/json, or text/plain carrying JSON (sendBeacon). Body at most 16 KiB. Idempotent on the record id: a duplicate is answered 202 and counted once. A browser's Origin must be allowed for the record's partner.",
                    "security": [],
                    "requestBody": { "required": true, "content": {
                        "application/json": { "schema": { "$ref": "#/components/schemas/FeedbackRecord" } },
                        "text/plain": { "schema": { "type": "string" } } } },
                    "responses": {
                        "202": { "description": "committed (or a duplicate of a committed id)",
                                 "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Accepted" } } } },
                        "400": err("malformed JSON or a value of the wrong type"),
                        "403": err("the Origin is not allowed for the record's partner"),
                        "413": err("body larger than 16 KiB"),
                        "415": err("Content-Type is not application/json or text/plain"),
                        "422": err("unknown field, unknown survey or partner, out-of-range value, bad id or week; week_too_old: the week is older than the window of weeks whose record ids are kept (default 8)"),
                        "429": { "description": "rate limited", "headers": retry,
                                 "content": { "application/json": { "schema": error } } },
                        "503": { "description": "queue full or storage unavailable", "headers": retry,
                                 "content": { "application/json": { "schema": error } } }
                    }
                },
                "options": {
                    "summary": "CORS preflight: 204 for an origin some partner allows",
                    "security": [],
                    "responses": { "204": { "description": "allowed" }, "403": err("origin not allowed") }
                }
            },
            "/v1/stats": { "get": {
                "summary": "De-biased shares with 95 % intervals per field and approved cross-tab",
                "description": "Slices with fewer records than the minimum count (default 100) are suppressed: their counts and shares are null.",
                "security": [{ "bearer": [] }],
                "parameters": filters.clone(),
                "responses": {
                    "200": { "description": "statistics", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Stats" } } } },
                    "400": err("bad query parameter"),
                    "401": err("missing or wrong bearer token"),
                    "503": err("storage unavailable")
                }
            }},
            "/v1/export.csv": { "get": {
                "summary": "The statistics as CSV, one row per field value and cross-tab cell",
                "security": [{ "bearer": [] }],
                "parameters": filters,
                "responses": {
                    "200": { "description": "CSV", "content": { "text/csv": {} } },
                    "400": err("bad query parameter"),
                    "401": err("missing or wrong bearer token"),
                    "503": err("storage unavailable")
                }
            }},
            "/v1/trends": { "get": {
                "summary": "One field value week by week: de-biased share with its 95 % interval per ISO week, per partner or per survey version",
                "description": "Weeks with fewer records than the minimum count are marked suppressed (share null). by=total (default) gives one line; by=partner one line per partner; by=survey one line per survey version asking the same question (same field, values and question text); by=field one line per listed field (field=a,b,c), e.g. the options of one multiple-choice question.",
                "security": [{ "bearer": [] }],
                "parameters": trend_params.clone(),
                "responses": {
                    "200": { "description": "the trend", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Trends" } } } },
                    "400": err("bad query parameter, unknown field or value"),
                    "401": err("missing or wrong bearer token"),
                    "503": err("storage unavailable")
                }
            }},
            "/v1/trends.csv": { "get": {
                "summary": "The trend as CSV: week, series, survey, partner, field, value, n, count, share, low, high, suppressed",
                "security": [{ "bearer": [] }],
                "parameters": trend_params,
                "responses": {
                    "200": { "description": "CSV", "content": { "text/csv": {} } },
                    "400": err("bad query parameter, unknown field or value"),
                    "401": err("missing or wrong bearer token"),
                    "503": err("storage unavailable")
                }
            }},
            "/healthz": { "get": {
                "summary": "Liveness: storage kind and queued records", "security": [],
                "responses": { "200": { "description": "ok", "content": { "application/json": {} } } }
            }},
            "/openapi.json": { "get": {
                "summary": "This document", "security": [],
                "responses": { "200": { "description": "OpenAPI 3.1", "content": { "application/json": {} } } }
            }},
            "/dashboard": static_get("The staff dashboard page (its data calls need the bearer token)", "text/html"),
            "/": static_get("The demo pages (www/)", "text/html"),
            "/{file}": static_get("A file of www/ (demo pages, dashboard script and style)", "*/*"),
            "/dist/{file}": static_get("The built widget: ES module loader, wasm, CSS, types (CORS: *)", "*/*")
        }
    })
}

/// `GET /openapi.json`.
pub async fn openapi() -> Json<Value> {
    Json(document())
}
