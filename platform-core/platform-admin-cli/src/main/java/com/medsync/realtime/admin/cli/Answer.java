package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer of the admin API.
 *
 * @param request what was asked, such as {@code GET /admin/plugins}, to name it when the answer is not understood
 * @param body    the body exactly as received, for {@code --json}
 * @param json    the body parsed
 */
record Answer(String request, String body, JsonNode json) {

    /** @param what what the array holds, for the message when it is not an array */
    JsonNode array(String what) {
        if (!json.isArray()) {
            throw unexpected("a JSON array of " + what);
        }
        return json;
    }

    /** @param what what the object is, for the message when it is not an object */
    JsonNode object(String what) {
        if (!json.isObject()) {
            throw unexpected("a JSON object describing " + what);
        }
        return json;
    }

    /** The member {@code name} of the answer's object, which must be an array. */
    JsonNode arrayMember(String name, String what) {
        JsonNode member = json.path(name);
        if (!member.isArray()) {
            throw unexpected("\"" + name + "\": a JSON array of " + what);
        }
        return member;
    }

    AdminFailure unexpected(String expected) {
        return AdminFailure.unavailable("unexpected answer to " + request + ": expected " + expected);
    }
}
