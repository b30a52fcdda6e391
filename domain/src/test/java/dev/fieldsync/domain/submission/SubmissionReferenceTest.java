package dev.fieldsync.domain.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubmissionReferenceTest {
    private final SubmissionReference reference = SubmissionReference.of("ERP-1042");

    @Test
    void theLineGoesAfterWhatTheUserWroteOnALineOfItsOwn() {
        assertThat(reference.line()).isEqualTo("[fieldsync:ERP-1042]");
        assertThat(reference.appendTo(Optional.of("Gate code 4411"))).isEqualTo("Gate code 4411\n[fieldsync:ERP-1042]");
        assertThat(reference.appendTo(Optional.empty())).isEqualTo("[fieldsync:ERP-1042]");
        assertThat(reference.appendTo(Optional.of(""))).isEqualTo("[fieldsync:ERP-1042]");
    }

    @Test
    void itsLengthIsCountedInCodePointsAsTheGatewayCounts() {
        assertThat(reference.addedLength(Optional.empty())).isEqualTo(20);
        assertThat(reference.addedLength(Optional.of("\uD83D\uDE00 emoji"))).isEqualTo(21);
    }

    @Test
    void itIsFoundWhereverTheOfficeMovedItAndOtherSubmissionsReferencesAreRecognised() {
        String edited = "Office: called\n[fieldsync:ERP-1042]\nOffice: parts ordered";
        assertThat(reference.isIn(edited)).isTrue();
        assertThat(reference.isIn("[fieldsync:ERP-10421]")).isFalse();
        assertThat(reference.isIn(null)).isFalse();
        assertThat(SubmissionReference.externalIdsIn(edited + "\n[fieldsync:other-7]"))
                .containsExactly("ERP-1042", "other-7");
        assertThat(SubmissionReference.externalIdsIn("no reference [fieldsync:]"))
                .isEmpty();
        assertThat(SubmissionReference.externalIdsIn(null)).isEmpty();
    }

    @Test
    void anEmptyExternalIdHasNoReference() {
        assertThatThrownBy(() -> SubmissionReference.of("")).isInstanceOf(IllegalArgumentException.class);
    }
}
