package com.medsync.realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socket.engineio.client.EngineIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class ClientJsonTest {

    @Test
    void treesSurviveTheWayOutAndBackExactly() throws Exception {
        ObjectNode tree = ClientJson.MAPPER.createObjectNode()
                .put("text", "ü \"q\" </script>")
                .put("int", 7)
                .put("long", 9_007_199_254_740_993L)
                .put("big", new BigInteger("123456789012345678901234567890"))
                .put("decimal", new BigDecimal("0.10000000000000000000001"))
                .put("double", 2.5)
                .put("flag", false)
                .putNull("nothing");
        tree.putArray("list").add(1).addNull().addArray().add("nested");

        Object wire = ClientJson.toClient(tree);

        assertThat(wire).isInstanceOf(JSONObject.class);
        // What the client would print on the wire, read back as the client hands it to us.
        JsonNode back = ClientJson.toTree(new JSONObject(wire.toString()));
        assertThat(ClientJson.toTree(wire)).isEqualTo(tree);
        assertThat(back.get("text").asText()).isEqualTo("ü \"q\" </script>");
        assertThat(back.get("long").asLong()).isEqualTo(9_007_199_254_740_993L);
        assertThat(back.get("nothing").isNull()).isTrue();
        assertThat(back.get("list")).hasToString("[1,null,[\"nested\"]]");
    }

    @Test
    void plainJavaValuesGoOutThroughJackson() {
        record Order(String id, int quantity) {
        }

        // org.json keeps members in a HashMap: their order on the wire is not the record's.
        assertThat(ClientJson.toTree(ClientJson.toClient(new Order("o1", 2))))
                .isEqualTo(ClientJson.MAPPER.createObjectNode().put("id", "o1").put("quantity", 2));
        assertThat(ClientJson.toClient(List.of(1, "a"))).isInstanceOf(JSONArray.class).hasToString("[1,\"a\"]");
        assertThat(ClientJson.toClient(Map.of("k", true))).isInstanceOf(JSONObject.class);
        assertThat(ClientJson.toClient("text")).isEqualTo("text");
        assertThat(ClientJson.toClient(42)).isEqualTo(42);
        assertThat(ClientJson.toClient(null)).isSameAs(JSONObject.NULL);
        assertThat(ClientJson.toClient(new byte[] {1, 2})).isEqualTo(new byte[] {1, 2});
    }

    @Test
    void clientValuesComeInAsTrees() {
        assertThat(ClientJson.toTrees("s", 1, 2L, 1.5, true, JSONObject.NULL, null))
                .hasToString("[\"s\",1,2,1.5,true,null,null]");
        assertThat(ClientJson.toTree(new EngineIOException("websocket error", new ConnectException("refused"))))
                .hasToString("{\"message\":\"websocket error\",\"cause\":\"java.net.ConnectException: refused\"}");
    }

    @Test
    void nonFiniteNumbersCannotBeSent() {
        assertThatThrownBy(() -> ClientJson.toClient(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
