package com.medsync.realtime.plugins.kwik;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;

/**
 * A Kwik job's state, read from a webhook body or a {@code getJobStatus} answer; both use the same member
 * names: {@code job_id}, {@code unique_order_id}, {@code job_status}, {@code tracking_link}, {@code otp}.
 *
 * @param jobId        Kwik's job id, or null
 * @param dispatchId   our dispatch id, which Kwik calls {@code unique_order_id}
 * @param status       the job status
 * @param trackingLink Kwik's tracking page, or null
 * @param otp          the hand-over code, or null
 */
record KwikJob(String jobId, String dispatchId, KwikStatus status, String trackingLink, String otp) {

    /**
     * @param job        the JSON object holding the members
     * @param dispatchId the dispatch id when the caller knows it (a poll); null to read {@code unique_order_id}
     * @throws IllegalArgumentException saying which member is missing or unreadable
     */
    static KwikJob read(JsonNode job, String dispatchId) {
        if (job == null || !job.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        String id = dispatchId != null ? dispatchId : text(job, "unique_order_id");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("'unique_order_id' is required");
        }
        JsonNode code = job.get("job_status");
        Integer number = statusCode(code);
        if (number == null) {
            throw new IllegalArgumentException("'job_status' must be a status code, got " + code);
        }
        KwikStatus status = KwikStatus.ofCode(number).orElseThrow(
                () -> new IllegalArgumentException("'job_status' " + number + " is not a known Kwik status"));
        return new KwikJob(text(job, "job_id"), id, status, text(job, "tracking_link"), text(job, "otp"));
    }

    /** @return the report the dispatch plugin gets: Kwik knows no order id, so the plugin fills it in */
    DispatchReport toReport() {
        return new DispatchReport(dispatchId, null, status.canonical(), trackingLink, otp, null, jobId);
    }

    /** @return the status code, which Kwik sends as a number and some callbacks as a numeric string; null if neither */
    private static Integer statusCode(JsonNode code) {
        if (code == null) {
            return null;
        }
        if (code.isIntegralNumber() && code.canConvertToInt()) {
            return code.intValue();
        }
        if (code.isTextual() && code.textValue().matches("\\d{1,3}")) {
            return Integer.valueOf(code.textValue());
        }
        return null;
    }

    /** @return a member as text (numbers too: job ids come as either), or null when absent or empty */
    private static String text(JsonNode job, String name) {
        JsonNode value = job.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }
}
