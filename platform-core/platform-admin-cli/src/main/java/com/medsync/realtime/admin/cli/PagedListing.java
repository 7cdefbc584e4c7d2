package com.medsync.realtime.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints a listing of the admin API that comes a page at a time ({@code {<member>: [...], next}}): one page and
 * the cursor of the next, or with {@code --all} every page in turn, each printed as it arrives and then dropped,
 * so that a node with many sockets never has them all in this process at once.
 */
final class PagedListing {

    private final AdminCommand admin;
    private final String member;
    private final Function<JsonNode, Table> table;
    /** The previous page's table, whose header and column widths the next page continues. */
    private Table previous;

    /**
     * @param member the answer's array, such as {@code connections}
     * @param table  renders one page's array
     */
    PagedListing(AdminCommand admin, String member, Function<JsonNode, Table> table) {
        this.admin = admin;
        this.member = member;
        this.table = table;
    }

    /**
     * @param filters the query parameters of every page; {@code null} values are left out
     * @param fetch   asks the server for one page, given its query parameters
     * @return {@link ExitCodes#OK}: an answer not understood or refused ends the listing with its failure
     */
    int print(PageOptions paging, Map<String, String> filters, Function<Map<String, String>, Answer> fetch) {
        String after = paging.given("--cursor", paging.cursor);
        String limit = paging.limit == null ? null : paging.limit.toString();
        while (true) {
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("after", after);
            query.put("limit", limit);
            Answer answer = fetch.apply(query);
            answer.object("a page of " + member);
            JsonNode items = answer.arrayMember(member, member);
            String next = next(answer);
            boolean more = paging.all && next != null;
            admin.show(answer, received -> render(items, more ? null : next));
            if (!more) {
                return ExitCodes.OK;
            }
            // A cursor that does not move on would page forever.
            if (next.equals(after)) {
                throw answer.unexpected("\"next\": a cursor past the page's own");
            }
            after = next;
        }
    }

    private String render(JsonNode items, String next) {
        Table page = table.apply(items);
        String text = previous == null ? page.render() : page.renderAfter(previous);
        previous = page;
        return next == null ? text : text + "\nNext page: --cursor " + Table.clean(next) + "\n";
    }

    private static String next(Answer answer) {
        JsonNode next = answer.json().path("next");
        if (next.isTextual() && !next.asText().isEmpty()) {
            return next.asText();
        }
        if (next.isNull() || next.isMissingNode()) {
            return null;
        }
        throw answer.unexpected("\"next\": a cursor or null");
    }
}
